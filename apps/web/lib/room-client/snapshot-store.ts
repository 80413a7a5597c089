/**
 * State that React reads with useSyncExternalStore: a snapshot, a new object on every
 * change, and listeners told of each. The room client's parts build on it.
 */
export class SnapshotStore<S extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): S => this.state;

  protected update(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Nobody hears this store any more (it is closing). */
  protected forgetListeners(): void {
    this.listeners.clear();
  }
}
