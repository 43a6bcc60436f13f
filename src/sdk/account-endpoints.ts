import type { Billing, ConfiguredModels, Healthcheck, User } from './api-types.ts';
import type { Transport } from './http-transport.ts';

/** Service and account endpoints. */
export interface AccountEndpoints {
  /** GET /v1/healthcheck: `{status: "ok"}` when the server and its database answer. Needs no token. */
  healthcheck(): Promise<Healthcheck>;
  /** GET /v1/user: who the token belongs to. */
  user(): Promise<User>;
  /** GET /v1/billing: the user and the subscription (self-hosted: none required). */
  billing(): Promise<Billing>;
  /** GET /v1/models (extension): the models an agent column may name in `value.model`, with their prices. */
  models(): Promise<ConfiguredModels>;
}

export function createAccountEndpoints(transport: Transport): AccountEndpoints {
  return {
    healthcheck: async () => (await transport.request<Healthcheck>({ method: 'GET', path: '/v1/healthcheck' })).body,
    user: async () => (await transport.request<User>({ method: 'GET', path: '/v1/user' })).body,
    billing: async () => (await transport.request<Billing>({ method: 'GET', path: '/v1/billing' })).body,
    models: async () => (await transport.request<ConfiguredModels>({ method: 'GET', path: '/v1/models' })).body,
  };
}
