import type { Metadata } from "next";
import Link from "next/link";
import { AccountMenu } from "@/components/AccountMenu";
import { collabApi } from "@/lib/collab-api";
import "./globals.css";

export const metadata: Metadata = {
  title: "Umbra",
  description: "Animate through a GAN's latent space, together.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const me = await collabApi.me();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="h-14 border-b border-ink-800 bg-ink-900/80 backdrop-blur">
          {/* In the studio the bar spans the window, like the studio below it. */}
          <div className="mx-auto flex h-full max-w-6xl items-center gap-3 px-6 [body:has([data-studio])_&]:max-w-none [body:has([data-studio])_&]:px-4">
            {/* Not prefetched: that renders the room list on the server while a room is opening, competing with it for the database. */}
            <Link href="/" prefetch={false} className="flex items-center gap-2 font-semibold tracking-tight text-white">
              <span aria-hidden className="inline-block h-5 w-5 rounded-full bg-gradient-to-br from-accent-400 to-fuchsia-700 shadow-[0_0_12px] shadow-accent-500/40" />
              Umbra
            </Link>
            <span className="text-sm text-ink-400">latent animation studio</span>
            <div className="ml-auto">{me.ok && <AccountMenu me={me.value} />}</div>
          </div>
        </header>
        {/* The studio fills the window below the header; every other page is a centred column. */}
        <main className="mx-auto max-w-6xl px-6 py-8 has-[>[data-studio]]:max-w-none has-[>[data-studio]]:p-0">{children}</main>
      </body>
    </html>
  );
}
