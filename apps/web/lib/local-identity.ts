"use client";

import { useCallback, useEffect, useState } from "react";
import { PEOPLE_COLOURS } from "./distinct-colours";
import { LOCAL_NAME_COOKIE } from "./room-notes-url";

/** How a browser shows itself to others in local mode, where everyone is the one local user. */
export interface LocalIdentity {
  name: string;
  color: string;
}

export const MAX_NAME_LENGTH = 40;
const STORAGE_KEY = "umbra:local-identity";

/** Kept in local storage, and its name in a cookie for the room page (see room-notes-url). */
function store(identity: LocalIdentity): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
  document.cookie = `${LOCAL_NAME_COOKIE}=${encodeURIComponent(identity.name)}; path=/; max-age=31536000; samesite=lax`;
}
const ANIMALS = ["Otter", "Heron", "Lynx", "Marten", "Ibis", "Wren", "Badger", "Kestrel", "Newt", "Puffin", "Stoat", "Gecko", "Tapir", "Quail", "Bison", "Orca"];

function pick<T>(items: readonly T[]): T {
  return items[crypto.getRandomValues(new Uint32Array(1))[0]! % items.length]!;
}

function firstVisitIdentity(): LocalIdentity {
  return { name: `${pick(ANIMALS)} ${100 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 900)}`, color: pick(PEOPLE_COLOURS) };
}

/** A stored identity, if it is one (local storage is another program's to change). */
function readStored(): LocalIdentity | null {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Partial<LocalIdentity> | null;
    if (typeof value?.name === "string" && value.name.trim() && value.name.length <= MAX_NAME_LENGTH && typeof value.color === "string" && /^#[0-9a-f]{6}$/i.test(value.color)) {
      return { name: value.name, color: value.color };
    }
  } catch (error) {
    console.warn(`Umbra: ignoring the stored local name: ${error instanceof Error ? error.message : String(error)}`);
  }
  return null;
}

/** This browser's local identity: the stored one, or a new one picked and stored on the first visit. */
export function localIdentity(): LocalIdentity {
  const chosen = readStored() ?? firstVisitIdentity();
  // Stored every time: a cookie cleared since comes back.
  store(chosen);
  return chosen;
}

/**
 * In local mode, this browser's own name and colour: picked at random on the first
 * visit, kept in local storage, changeable by the person. Null until read (and always
 * outside local mode, where the account's name is used).
 */
export function useLocalIdentity(enabled: boolean): [LocalIdentity | null, (identity: LocalIdentity) => void] {
  const [identity, setIdentity] = useState<LocalIdentity | null>(null);
  useEffect(() => {
    if (enabled) setIdentity(localIdentity());
  }, [enabled]);
  const change = useCallback((next: LocalIdentity) => {
    const clean = { name: next.name.trim().slice(0, MAX_NAME_LENGTH), color: next.color };
    if (!clean.name) return;
    store(clean);
    setIdentity(clean);
  }, []);
  return [identity, change];
}
