/** Names for the generated schema's types the screens use. */
import type { components } from './schema';

type Schemas = components['schemas'];
export type User = Schemas['User'];
export type HomeDashboard = Schemas['HomeDashboard'];
export type ChatResponse = Schemas['ChatResponse'];
export type Notification = Schemas['Notification'];
