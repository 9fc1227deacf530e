import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { issuerApi } from "./issuer-api";

/** The public issuer directory: the sign-in choices, and the name and DID shown once signed in. */
export function useIssuerDirectory() {
  return useQuery({
    queryKey: queryKeys.issuerDirectory(),
    queryFn: ({ signal }) => issuerApi.directory(signal),
    // The directory changes when an issuer is onboarded, not while someone is issuing.
    staleTime: 5 * 60_000,
  });
}
