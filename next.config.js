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
  // OpenID4VCI: each issuer's metadata at the well-known URLs the specs name, both the
  // 1.0 / RFC 8414 form (inserted before the path) and the older appended form.
  async rewrites() {
    const issuerMetadata = "/api/v1/oid4vci/:slug/credential-issuer";
    const asMetadata = "/api/v1/oid4vci/:slug/authorization-server";
    return [
      {
        source: "/.well-known/openid-credential-issuer/issuers/:slug",
        destination: issuerMetadata,
      },
      {
        source: "/issuers/:slug/.well-known/openid-credential-issuer",
        destination: issuerMetadata,
      },
      { source: "/.well-known/oauth-authorization-server/issuers/:slug", destination: asMetadata },
      { source: "/issuers/:slug/.well-known/oauth-authorization-server", destination: asMetadata },
    ];
  },
};

export default nextConfig;
