import type { SessionControls, SessionEvent } from '@digitlab/session';

/** A session whose events the test emits by hand, recording what the dashboard asked of it. */
export class FakeSession implements SessionControls {
  readonly calls: string[] = [];
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...events: SessionEvent[]): void {
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  togglePause(): void {
    this.calls.push('togglePause');
  }

  requestSave(): void {
    this.calls.push('requestSave');
  }

  requestReport(): void {
    this.calls.push('requestReport');
  }

  private gate: Promise<void> | undefined;

  /** Make `cancel()` wait until the returned function is called, as a slow training step would. */
  holdCancel(): () => void {
    let release = (): void => undefined;
    this.gate = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  }

  async cancel(): Promise<void> {
    this.calls.push('cancel');
    await this.gate;
  }
}
