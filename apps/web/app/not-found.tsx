import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-20 text-center">
      <h1 className="text-2xl font-semibold text-white">Not found</h1>
      <p className="mt-2 text-sm text-ink-400">This room does not exist, or its link is wrong.</p>
      <Link href="/" className="mt-6 inline-block rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400">
        Back to rooms
      </Link>
    </div>
  );
}
