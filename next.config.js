/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with wasm or dynamic requires: load them from node_modules at run time.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@veramo/core",
    "@veramo/key-manager",
    "@veramo/kms-local",
    "@veramo/did-manager",
    "@veramo/did-provider-web",
  ],
};

export default nextConfig;
