/** The wallet's detail view of one credential, by its id (`urn:uuid:…`, so encoded). */
export function credentialHref(id: string): string {
  return `/wallet/credential/${encodeURIComponent(id)}`;
}
