"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { newPasswordSchema, PASSWORD_MIN_LENGTH } from "@/lib/issuance/schemas";
import { testIds } from "@/lib/test-ids";
import { consoleApi, IssuerApiError } from "./issuer-api";
import type { SignedIn } from "./issuer-console";

type Errors = { currentPassword?: string; newPassword?: string; confirm?: string };

/**
 * The signed-in staff member changes their own password. The strength rule is the server's own
 * zod schema, checked here first for a quick answer; the server checks it again, with the rest
 * (the current password, not the e-mail name), and ends every other session of theirs.
 */
export function ChangePasswordForm({
  session,
  onChanged,
}: {
  session: SignedIn;
  /** Called once the password is changed (the forced change reopens the console with it). */
  onChanged?: () => void;
}) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const change = useMutation({
    mutationFn: () => consoleApi.changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrentPassword("");
      setNewPassword("");
      setConfirm("");
      setErrors({});
      onChanged?.();
    },
    onError: (err) => {
      if (err instanceof IssuerApiError && err.fields) {
        setErrors({
          currentPassword: err.fields.currentPassword?.[0],
          newPassword: err.fields.newPassword?.[0],
        });
      }
    },
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: Errors = {};
    if (!currentPassword) next.currentPassword = "Enter your current password.";
    const strength = newPasswordSchema.safeParse(newPassword);
    if (!strength.success)
      next.newPassword = `The new password: ${strength.error.issues[0]?.message}.`;
    if (newPassword !== confirm) next.confirm = "The two new passwords are not the same.";
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    change.mutate();
  }

  const fieldError = (message: string | undefined) =>
    message ? message.charAt(0).toUpperCase() + message.slice(1) : undefined;
  const otherError =
    change.isError && !(change.error instanceof IssuerApiError && change.error.fields);

  return (
    <div className="max-w-lg">
      <Card>
        <h2 className="text-lg font-semibold text-slate-900">Your password</h2>
        <p className="mt-1 text-sm text-slate-700">
          Signed in as {session.staff.name} ({session.staff.email}). Changing your password signs
          you out everywhere else.
        </p>
        <form
          className="mt-4 grid gap-3"
          onSubmit={submit}
          noValidate
          data-testid={testIds.issuer.changePasswordForm}
        >
          {/* Lets password managers file the new password under the right account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={session.staff.email}
            readOnly
            hidden
          />
          <TextField
            label={session.mustChangePassword ? "Temporary password" : "Current password"}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            error={fieldError(errors.currentPassword)}
          />
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            hint={`At least ${PASSWORD_MIN_LENGTH} characters; a phrase of a few words is good.`}
            error={fieldError(errors.newPassword)}
          />
          <TextField
            label="New password again"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={errors.confirm}
          />
          {otherError ? (
            <Alert tone="error" title="Your password was not changed">
              {change.error.message}
            </Alert>
          ) : null}
          {change.isSuccess ? (
            <div data-testid={testIds.issuer.changePasswordResult}>
              <Alert tone="success" title="Your password is changed">
                {change.data.sessionsEnded === 0
                  ? "You had no other sessions open."
                  : `${change.data.sessionsEnded} other session${change.data.sessionsEnded === 1 ? " was" : "s were"} signed out.`}
              </Alert>
            </div>
          ) : null}
          <div>
            <Button
              type="submit"
              busy={change.isPending}
              data-testid={testIds.issuer.changePasswordSubmit}
            >
              Change password
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
