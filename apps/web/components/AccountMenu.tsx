import Link from "next/link";
import { signOutAction } from "@/app/actions";
import type { Me } from "@umbra/protocol";

/** Who is signed in, and the way out; in open mode, a note that there are no accounts. */
export function AccountMenu({ me }: { me: Me }) {
  if (me.open) return <span className="text-xs text-ink-400" title="UMBRA_OPEN=1: single-user local mode">Local mode · no accounts</span>;
  return (
    <form action={signOutAction} className="flex items-center gap-3">
      <Link href="/account" title="Your account: password" className="flex items-center gap-2 rounded-md px-1 text-sm text-ink-200 hover:text-white" data-testid="signed-in-as">
        <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: me.user.color }} />
        {me.user.displayName}
      </Link>
      <button type="submit" className="rounded-md px-2 py-1 text-sm text-ink-400 transition hover:bg-ink-800 hover:text-white">
        Sign out
      </button>
    </form>
  );
}
