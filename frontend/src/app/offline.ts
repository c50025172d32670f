/**
 * The last Home and profile seen, kept on this device so the installed app still opens
 * offline. Data only, never a token; forgotten at log-out.
 */
import type { HomeDashboard, User } from '../api/types';

const KEY = 'mysphere.lastSeen.v1';

export interface Snapshot {
  user: User;
  dashboard?: HomeDashboard;
}

export function loadSnapshot(): Snapshot | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Snapshot) : null;
  } catch {
    return null;
  }
}

export function saveSnapshot(part: Partial<Snapshot>): void {
  const current = loadSnapshot();
  const user = part.user ?? current?.user;
  if (!user) return;
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...current, ...part, user }));
  } catch {
    // A full or disabled storage only costs the offline copy.
  }
}

export function clearSnapshot(): void {
  localStorage.removeItem(KEY);
}
