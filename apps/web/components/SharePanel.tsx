"use client";

import { useCallback, useEffect, useState, useTransition } from "react";
import { INVITE_ROLES, type Member, type ShareLink } from "@umbra/protocol";
import { changeMemberRole, createLink, loadAccess, removeMember, revokeLink } from "@/app/rooms/[roomId]/actions";
import { ConfirmDialog } from "./ConfirmDialog";
import { RoleBadge } from "./RoleBadge";
import { FormProblem } from "./FormProblem";

const EXPIRY_CHOICES = [
  { label: "Never", hours: undefined },
  { label: "1 hour", hours: 1 },
  { label: "1 day", hours: 24 },
  { label: "7 days", hours: 24 * 7 },
] as const;

const REFRESH_MS = 5000;
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const control = "rounded-lg border border-ink-600 bg-ink-950 px-2.5 py-1.5 text-sm text-white focus:border-accent-500 focus:outline-none";

/** The owner's sharing settings: make and revoke invitation links, see and remove members. */
export function SharePanel({ roomId }: { roomId: string }) {
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();
  /** The link whose revoking waits on a yes: it takes away everyone who joined through it. */
  const [revoking, setRevoking] = useState<ShareLink | null>(null);

  const refresh = useCallback(async () => {
    const access = await loadAccess(roomId);
    if (!access.ok) setError(access.message);
    else {
      setLinks(access.value.links);
      setMembers(access.value.members);
    }
  }, [roomId]);
  useEffect(() => {
    void refresh();
    // Joins and uses happen elsewhere; keep the open panel current.
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const run = (work: () => Promise<{ ok: boolean; message?: string } | undefined>) =>
    startTransition(async () => {
      setError(null);
      const result = await work();
      if (result && !result.ok) setError(result.message ?? "that did not work");
      await refresh();
    });

  return (
    <section className="flex flex-col gap-5 rounded-2xl border border-ink-700 bg-ink-900 p-5" aria-label="Sharing" data-testid="share-panel">
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const hours = EXPIRY_CHOICES[Number(form.get("expiry"))]?.hours;
          const maxUses = String(form.get("maxUses") ?? "").trim();
          run(async () => {
            const result = await createLink(roomId, {
              role: form.get("role"),
              ...(hours === undefined ? {} : { expiresInHours: hours }),
              ...(maxUses === "" ? {} : { maxUses: Number(maxUses) }),
            });
            if (result.ok) {
              setCreated(`${window.location.origin}/join/${result.value.secret}`);
              setCopied(false);
            }
            return result;
          });
        }}
      >
        <h2 className="text-sm font-medium text-white">Invite with a link</h2>
        <div className="grid grid-cols-3 gap-2">
          <label className="flex flex-col gap-1 text-xs text-ink-400">
            Role
            <select name="role" defaultValue="viewer" className={control}>
              {INVITE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs text-ink-400">
            Expires
            <select name="expiry" defaultValue="0" className={control}>
              {EXPIRY_CHOICES.map((choice, i) => (
                <option key={choice.label} value={i}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs text-ink-400">
            Max uses
            <input name="maxUses" inputMode="numeric" pattern="[1-9][0-9]*" placeholder="no limit" className={control} />
          </label>
        </div>
        <button type="submit" disabled={pending} className="self-start rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400 disabled:opacity-60">
          Create link
        </button>
        {created && (
          <div className="flex flex-col gap-1.5">
            <div className="flex gap-2">
              <input readOnly value={created} data-testid="new-link" aria-label="New invitation link" className={`${control} min-w-0 flex-1 font-mono text-xs`} onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                onClick={() => void navigator.clipboard.writeText(created).then(() => setCopied(true), () => setError("the browser did not allow copying; select the link and copy it"))}
                className="rounded-lg border border-ink-600 px-3 text-xs text-ink-200 hover:bg-ink-800"
              >
                {copied ? "Copied" : "Copy"}
              </button>
            </div>
            <p className="text-xs text-ink-400">Copy it now: only a hash of the link is kept, so it cannot be shown again.</p>
          </div>
        )}
      </form>

      <FormProblem message={error} />

      <div className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-white">Links</h2>
        {links.length === 0 && <p className="text-xs text-ink-400">No links yet.</p>}
        <ul className="flex flex-col gap-2" data-testid="links">
          {links.map((link) => (
            <li key={link.id} className="flex flex-col gap-1 rounded-lg bg-ink-950/60 px-3 py-2 text-xs text-ink-300">
              <div className="flex items-center gap-2">
                <RoleBadge role={link.role} />
                <span className={link.status === "active" ? "text-emerald-300" : "text-ink-400"}>{link.status}</span>
                <span>
                  {link.uses}
                  {link.maxUses === null ? "" : `/${link.maxUses}`} joined
                </span>
                {link.status === "active" && (
                  <button type="button" disabled={pending} onClick={() => (link.joined.length > 0 ? setRevoking(link) : run(() => revokeLink(roomId, link.id)))} className="ml-auto text-rose-300 hover:text-rose-200">
                    Revoke
                  </button>
                )}
              </div>
              <div className="text-ink-400">
                {link.expiresAt ? `expires ${dateFormat.format(new Date(link.expiresAt))}` : "never expires"} · made {dateFormat.format(new Date(link.createdAt))}
              </div>
              {link.joined.length > 0 && <div>Joined through it: {link.joined.map((u) => u.displayName).join(", ")}</div>}
            </li>
          ))}
        </ul>
      </div>

      <div className="flex flex-col gap-2">
        <h2 className="text-sm font-medium text-white">Members</h2>
        <ul className="flex flex-col gap-1.5" data-testid="members">
          {members.map((member) => (
            <li key={member.user.id} className="flex items-center gap-2 text-sm text-ink-200">
              <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: member.user.color }} />
              <span className="truncate">{member.user.displayName}</span>
              {member.role === "owner" ? (
                <RoleBadge role={member.role} />
              ) : (
                <>
                  <select
                    aria-label={`Role of ${member.user.displayName}`}
                    value={member.role}
                    disabled={pending}
                    onChange={(event) => {
                      const role = event.target.value;
                      run(() => changeMemberRole(roomId, member.user.id, { role }));
                    }}
                    className="rounded-md border border-ink-600 bg-ink-950 px-1.5 py-0.5 text-xs capitalize text-ink-100 focus:border-accent-500 focus:outline-none disabled:opacity-40"
                  >
                    {INVITE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                  <button type="button" disabled={pending} onClick={() => run(() => removeMember(roomId, member.user.id))} className="ml-auto text-xs text-rose-300 hover:text-rose-200">
                    Remove
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      {revoking && (
        <ConfirmDialog
          title="Revoke this link?"
          confirm={`Revoke and remove ${revoking.joined.length === 1 ? "1 member" : `${revoking.joined.length} members`}`}
          busy={pending}
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const link = revoking;
            setRevoking(null);
            run(() => revokeLink(roomId, link.id));
          }}
        >
          {revoking.joined.map((u) => u.displayName).join(", ")} joined through it and {revoking.joined.length === 1 ? "loses" : "lose"} access to the room now; open sessions close. Nobody new can
          join through it. To keep someone, change their role below instead.
        </ConfirmDialog>
      )}
    </section>
  );
}
