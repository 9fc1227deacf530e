"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { Table, TBody, TD, TH, THead } from "@/components/ui/table";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { queryKeys } from "@/lib/query-keys";
import { testIds } from "@/lib/test-ids";
import { consoleApi, IssuerApiError, type StaffMember, type StaffRole } from "./issuer-api";
import type { SignedIn } from "./issuer-console";

/**
 * Admins add staff (with a temporary password shown once, which they must change at first
 * sign-in), change roles, disable accounts and
 * reset a forgotten password (a new temporary one, shown once; the person's sessions end).
 * The server enforces the rules (admins only; at least one active admin; not yourself); this
 * page shows its answers.
 */
export function StaffManager({ session }: { session: SignedIn }) {
  const slug = session.slug;
  const queryClient = useQueryClient();
  const staff = useQuery({
    queryKey: queryKeys.issuerStaff(slug),
    queryFn: ({ signal }) => consoleApi.listStaff(slug, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.issuerStaff(slug) });

  const [created, setCreated] = useState<{
    member: StaffMember;
    password: string;
    reset?: boolean;
  } | null>(null);
  const [resetting, setResetting] = useState<StaffMember | null>(null);
  const reset = useMutation({
    mutationFn: (member: StaffMember) => consoleApi.resetStaffPassword(slug, member.id),
    onSuccess: (res) => {
      setResetting(null);
      setCreated({ member: res.member, password: res.temporaryPassword, reset: true });
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: (v: { id: string; role?: StaffRole; disabled?: boolean }) =>
      consoleApi.updateStaff(slug, v.id, { role: v.role, disabled: v.disabled }),
    onSettled: refresh,
  });

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="staff-heading" className="min-w-0">
        <h2 id="staff-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Staff
        </h2>
        {update.isError ? (
          <div className="mb-3">
            <Alert tone="error" title="The change was not made">
              {update.error.message}
            </Alert>
          </div>
        ) : null}
        {staff.isPending ? (
          <p role="status" className="py-8 text-center text-sm text-slate-600">
            Loading staff…
          </p>
        ) : staff.isError ? (
          <Alert tone="error" title="Could not load the staff list">
            {staff.error.message}{" "}
            <Button variant="secondary" onClick={() => void staff.refetch()}>
              Try again
            </Button>
          </Alert>
        ) : staff.data.length === 0 ? (
          <EmptyState title="No staff yet">Add the first person with the form.</EmptyState>
        ) : (
          <Table
            caption={`Staff accounts of ${session.issuer.name}`}
            className="min-w-[34rem]"
            data-testid={testIds.issuer.staffTable}
          >
            <THead>
              <TH>Name</TH>
              <TH>Role</TH>
              <TH>State</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </THead>
            <TBody>
              {staff.data.map((m) => {
                const self = m.id === session.staff.id;
                const busy = update.isPending && update.variables.id === m.id;
                return (
                  <tr key={m.id} data-testid={testIds.issuer.staffRow}>
                    <TD>
                      <span className="font-medium text-slate-900">{m.name}</span>
                      {self ? <span className="text-slate-600"> (you)</span> : null}
                      <span className="block text-xs text-slate-600">{m.email}</span>
                    </TD>
                    <TD>
                      <label className="sr-only" htmlFor={`role-${m.id}`}>
                        Role of {m.name}
                      </label>
                      <select
                        id={`role-${m.id}`}
                        value={m.role}
                        disabled={self || busy || m.disabled}
                        onChange={(e) =>
                          update.mutate({ id: m.id, role: e.target.value as StaffRole })
                        }
                        data-testid={testIds.issuer.staffRole}
                        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm disabled:bg-slate-100"
                      >
                        <option value="staff">Staff</option>
                        <option value="admin">Admin</option>
                      </select>
                    </TD>
                    <TD>
                      <span className="flex flex-wrap gap-1 whitespace-nowrap">
                        {m.disabled ? (
                          <Badge tone="neutral">Disabled</Badge>
                        ) : (
                          <Badge tone="success">Active</Badge>
                        )}
                        {m.mustChangePassword && !m.disabled ? (
                          <Badge tone="warning" data-testid={testIds.issuer.staffTemporaryPassword}>
                            Temporary password
                          </Badge>
                        ) : null}
                      </span>
                    </TD>
                    <TD>
                      {/* Wraps rather than running past the table's frame when the row is busy. */}
                      <div className="flex flex-wrap justify-end gap-1">
                        {self ? null : (
                          <Button
                            variant="ghost"
                            disabled={m.disabled}
                            onClick={() => {
                              reset.reset();
                              setResetting(m);
                            }}
                            data-testid={testIds.issuer.staffResetPassword}
                            aria-label={`Reset the password of ${m.name}`}
                          >
                            Reset password
                          </Button>
                        )}
                        {self ? null : (
                          <Button
                            variant={m.disabled ? "secondary" : "ghost"}
                            busy={busy}
                            onClick={() => update.mutate({ id: m.id, disabled: !m.disabled })}
                            data-testid={testIds.issuer.staffToggle}
                            aria-label={`${m.disabled ? "Enable" : "Disable"} ${m.name}`}
                          >
                            {m.disabled ? "Enable" : "Disable"}
                          </Button>
                        )}
                      </div>
                    </TD>
                  </tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </section>
      <aside className="grid content-start gap-4">
        <AddStaffForm
          slug={slug}
          onCreated={(member, password) => {
            setCreated({ member, password });
            void refresh();
          }}
        />
        {created ? (
          <Alert
            tone="success"
            title={
              created.reset
                ? `${created.member.name}'s password was reset`
                : `${created.member.name} can now sign in`
            }
          >
            <p>
              {created.reset ? "Their sessions have ended. " : null}Give them this temporary
              password in person or by phone; it is shown only now.
            </p>
            <p className="mt-2" data-testid={testIds.issuer.temporaryPasswordNote}>
              <strong>It is temporary.</strong> When they first sign in with it, they must choose
              their own password before they can do anything else in the console, so only they will
              know it.
            </p>
            <p className="mt-2 flex flex-wrap items-center gap-2">
              <code
                className="rounded bg-white px-2 py-1 font-mono text-sm break-all text-slate-900"
                data-testid={
                  created.reset
                    ? testIds.issuer.resetTemporaryPassword
                    : testIds.issuer.temporaryPassword
                }
              >
                {created.password}
              </code>
              <CopyButton value={created.password} label="temporary password" />
            </p>
          </Alert>
        ) : null}
      </aside>
      {resetting ? (
        <ResetPasswordDialog
          member={resetting}
          busy={reset.isPending}
          error={reset.isError ? reset.error.message : null}
          onConfirm={() => reset.mutate(resetting)}
          onClose={() => setResetting(null)}
        />
      ) : null}
    </div>
  );
}

function ResetPasswordDialog({
  member,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  member: StaffMember;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const headingId = useId();
  return (
    <ModalDialog
      labelledBy={headingId}
      onClose={onClose}
      busy={busy}
      maxWidth="w-[min(calc(100%-2rem),28rem)]"
    >
      <div className="grid gap-3 p-5">
        <h2 id={headingId} className="text-lg font-semibold">
          Reset the password of {member.name}?
        </h2>
        <p className="text-sm text-slate-700">
          They are signed out everywhere at once, and can sign in again only with the temporary
          password you will see next. Their old password stops working.
        </p>
        {error ? (
          <Alert tone="error" title="The password was not reset">
            {error}
          </Alert>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button busy={busy} onClick={onConfirm} data-testid={testIds.issuer.resetPasswordConfirm}>
            Reset password
          </Button>
        </div>
      </div>
    </ModalDialog>
  );
}

function AddStaffForm({
  slug,
  onCreated,
}: {
  slug: string;
  onCreated: (member: StaffMember, password: string) => void;
}) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<StaffRole>("staff");
  const [errors, setErrors] = useState<{ email?: string; name?: string }>({});
  const create = useMutation({
    mutationFn: () =>
      consoleApi.createStaff(slug, { email: email.trim(), name: name.trim(), role }),
    onSuccess: (res) => {
      setEmail("");
      setName("");
      setRole("staff");
      onCreated(res.member, res.temporaryPassword);
    },
    onError: (err) => {
      if (err instanceof IssuerApiError && err.fields) {
        setErrors({ email: err.fields.email?.[0], name: err.fields.name?.[0] });
      }
    },
  });

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = "Enter the person's name.";
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) next.email = "Enter their work e-mail address.";
    setErrors(next);
    if (next.email || next.name) return;
    create.mutate();
  }

  return (
    <Card>
      <h2 className="text-base font-semibold text-slate-900">Add a staff member</h2>
      <form
        className="mt-3 grid gap-3"
        onSubmit={submit}
        noValidate
        data-testid={testIds.issuer.addStaffForm}
      >
        <TextField
          label="Full name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="off"
          error={errors.name}
        />
        <TextField
          label="Work e-mail"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          error={errors.email}
        />
        <SelectField
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as StaffRole)}
          hint="Staff issue credentials and change their status. Admins also manage staff and API keys."
        >
          <option value="staff">Staff</option>
          <option value="admin">Admin</option>
        </SelectField>
        {create.isError && !(create.error instanceof IssuerApiError && create.error.fields) ? (
          <Alert tone="error" title="Not added">
            {create.error.message}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" busy={create.isPending} data-testid={testIds.issuer.addStaffSubmit}>
            Add and create a temporary password
          </Button>
        </div>
      </form>
    </Card>
  );
}
