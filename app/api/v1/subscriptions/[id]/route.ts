// DELETE /api/v1/subscriptions/[id] — end a subscription (Authorization: Bearer <its secret>)
import { handle, parseInput } from "@/lib/http";
import { AppError } from "@/lib/errors";
import { subscriptionIdSchema } from "@/lib/issuance/schemas";
import { getServices } from "@/lib/issuance/services";
import { cancelSubscription } from "@/lib/issuance/status-subscriptions";

export const DELETE = handle(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const id = parseInput(subscriptionIdSchema, (await ctx.params).id, "Unknown subscription.");
  const secret = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (!secret) {
    throw new AppError(
      "UNAUTHORIZED",
      "Send the subscription's secret as `Authorization: Bearer <secret>`.",
    );
  }
  await cancelSubscription(await getServices(), id, secret);
  return new Response(null, { status: 204 });
});
