import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { consoleApi, type ConsoleSession } from "./issuer-api";

/**
 * The signed-in staff member. The session itself is an httpOnly cookie the page's script never
 * sees; this asks the server who it belongs to (GET /api/v1/session). `session` is `undefined`
 * while that is unknown, `null` when nobody is signed in.
 */
export function useIssuerSession() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.consoleSession(),
    queryFn: ({ signal }) => consoleApi.session(signal),
    staleTime: 60_000,
    retry: 1,
  });
  const signOut = useMutation({
    mutationFn: () => consoleApi.signOut(),
    onSettled: () => {
      // Nothing fetched under the session outlives it in this tab.
      queryClient.removeQueries({ queryKey: ["issuer"] });
      queryClient.setQueryData(queryKeys.consoleSession(), null);
    },
  });
  const session: (ConsoleSession & { slug: string }) | null | undefined =
    query.data === undefined
      ? undefined
      : query.data && { ...query.data, slug: query.data.issuer.slug };
  return {
    session: query.isError ? null : session,
    ready: query.data !== undefined || query.isError,
    error: query.isError ? query.error : null,
    signedIn: (next: ConsoleSession) => queryClient.setQueryData(queryKeys.consoleSession(), next),
    signOut: () => signOut.mutate(),
    /** Asks the server again, e.g. once a required password change is done. */
    refresh: () => queryClient.invalidateQueries({ queryKey: queryKeys.consoleSession() }),
    signingOut: signOut.isPending,
  };
}
