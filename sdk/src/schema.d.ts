/**
 * Generated from AgentPay's OpenAPI document by `npm run sdk:generate` (openapi-typescript).
 * Do not edit: change the routes, then regenerate. test/sdk-drift.test.ts fails when this is stale.
 */

export type paths = {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * AgentPay's public signing keys (JWKS)
         * @description Verify mandates and receipts offline with these keys (EdDSA, Ed25519).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            keys: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database reachability */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            engine: "sqlite" | "postgres";
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List agents, newest first
         * @description A user lists its own agents; operators list all, or one user's with `user`.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                    /** @description Only this user's agents (operators; a user may name itself). */
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Creation time in seconds since the Unix epoch. */
                                created: number;
                                display_name: string;
                                id: string;
                                metadata: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                object: "agent";
                                public_key_jwk: {
                                    /** @enum {string} */
                                    crv: "Ed25519";
                                    /** @enum {string} */
                                    kty: "OKP";
                                    x: string;
                                } | null;
                                /** @enum {string} */
                                status: "active" | "suspended";
                                /** @description The owning user. */
                                user: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an agent
         * @description A user creates agents for itself; an admin operator for any user (name it in `user`).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description The agent's Ed25519 public key as a JWK (kty OKP, crv Ed25519). Never send the private part. */
                        public_key_jwk?: {
                            /** @enum {string} */
                            alg?: "EdDSA" | "Ed25519";
                            /** @enum {string} */
                            crv: "Ed25519";
                            kid?: string;
                            /** @enum {string} */
                            kty: "OKP";
                            /** @enum {string} */
                            use?: "sig";
                            x: string;
                        };
                        /** @description Owner; defaults to the calling user, required for operators. */
                        user?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            display_name: string;
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "agent";
                            public_key_jwk: {
                                /** @enum {string} */
                                crv: "Ed25519";
                                /** @enum {string} */
                                kty: "OKP";
                                x: string;
                            } | null;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /** @description The owning user. */
                            user: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an agent
         * @description Operators, the owning user and the agent itself; anyone else gets 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            display_name: string;
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "agent";
                            public_key_jwk: {
                                /** @enum {string} */
                                crv: "Ed25519";
                                /** @enum {string} */
                                kty: "OKP";
                                x: string;
                            } | null;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /** @description The owning user. */
                            user: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Update an agent
         * @description The owning user or an admin operator: rename, rotate the public key, edit metadata.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        display_name?: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        public_key_jwk?: {
                            /** @enum {string} */
                            alg?: "EdDSA" | "Ed25519";
                            /** @enum {string} */
                            crv: "Ed25519";
                            kid?: string;
                            /** @enum {string} */
                            kty: "OKP";
                            /** @enum {string} */
                            use?: "sig";
                            x: string;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            display_name: string;
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "agent";
                            public_key_jwk: {
                                /** @enum {string} */
                                crv: "Ed25519";
                                /** @enum {string} */
                                kty: "OKP";
                                x: string;
                            } | null;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /** @description The owning user. */
                            user: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a suspended agent
         * @description The owning user, admin or risk operators.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            display_name: string;
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "agent";
                            public_key_jwk: {
                                /** @enum {string} */
                                crv: "Ed25519";
                                /** @enum {string} */
                                kty: "OKP";
                                x: string;
                            } | null;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /** @description The owning user. */
                            user: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend an agent
         * @description Its keys stop working from the next request. The owning user, admin or risk operators.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            display_name: string;
                            id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "agent";
                            public_key_jwk: {
                                /** @enum {string} */
                                crv: "Ed25519";
                                /** @enum {string} */
                                kty: "OKP";
                                x: string;
                            } | null;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            /** @description The owning user. */
                            user: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an approval */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            decided_at: number | null;
                            expires_at: number;
                            id: string;
                            /** @enum {string} */
                            object: "approval";
                            payment_id: string;
                            /** @enum {string} */
                            reason: "mandate_step_up" | "risk_step_up";
                            /** @enum {string} */
                            status: "pending" | "approved" | "declined" | "expired";
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a payment waiting for your confirmation
         * @description Only the user, with their own key (or the dashboard), decides — never the agent. The payment then goes through the ledger like any other.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approval: {
                                created: number;
                                decided_at: number | null;
                                expires_at: number;
                                id: string;
                                /** @enum {string} */
                                object: "approval";
                                payment_id: string;
                                /** @enum {string} */
                                reason: "mandate_step_up" | "risk_step_up";
                                /** @enum {string} */
                                status: "pending" | "approved" | "declined" | "expired";
                                user_id: string;
                            };
                            payment: {
                                agent_id: string;
                                amount: number;
                                amount_captured: number;
                                amount_refunded: number;
                                approval_id: string | null;
                                cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                                /** @enum {string} */
                                capture_method: "automatic" | "manual";
                                created: number;
                                currency: string;
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                                description: string | null;
                                /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                                expires_at: number | null;
                                fee_amount: number;
                                id: string;
                                intent: {
                                    given_at: number | null;
                                    id: string;
                                    instruction_hash: string | null;
                                };
                                line_items: {
                                    description: string;
                                    quantity: number;
                                    unit_amount: number;
                                }[] | null;
                                mandate_id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                /** @enum {string} */
                                object: "payment";
                                order_reference: string | null;
                                /**
                                 * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                                 * @enum {string}
                                 */
                                purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                                /** @enum {string} */
                                status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                                subscription_id: string | null;
                                tags: {
                                    business_unit: string | null;
                                    cost_centre: string | null;
                                    session_id: string | null;
                                };
                                tip_message: string | null;
                                updated: number;
                                user_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decline a payment waiting for your confirmation
         * @description Only the user, with their own key (or the dashboard), decides — never the agent. The payment ends as `canceled`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approval: {
                                created: number;
                                decided_at: number | null;
                                expires_at: number;
                                id: string;
                                /** @enum {string} */
                                object: "approval";
                                payment_id: string;
                                /** @enum {string} */
                                reason: "mandate_step_up" | "risk_step_up";
                                /** @enum {string} */
                                status: "pending" | "approved" | "declined" | "expired";
                                user_id: string;
                            };
                            payment: {
                                agent_id: string;
                                amount: number;
                                amount_captured: number;
                                amount_refunded: number;
                                approval_id: string | null;
                                cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                                /** @enum {string} */
                                capture_method: "automatic" | "manual";
                                created: number;
                                currency: string;
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                                description: string | null;
                                /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                                expires_at: number | null;
                                fee_amount: number;
                                id: string;
                                intent: {
                                    given_at: number | null;
                                    id: string;
                                    instruction_hash: string | null;
                                };
                                line_items: {
                                    description: string;
                                    quantity: number;
                                    unit_amount: number;
                                }[] | null;
                                mandate_id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                /** @enum {string} */
                                object: "payment";
                                order_reference: string | null;
                                /**
                                 * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                                 * @enum {string}
                                 */
                                purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                                /** @enum {string} */
                                status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                                subscription_id: string | null;
                                tags: {
                                    business_unit: string | null;
                                    cost_centre: string | null;
                                    session_id: string | null;
                                };
                                tip_message: string | null;
                                updated: number;
                                user_id: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow your pending approvals live (Server-Sent Events)
         * @description `text/event-stream`: an `approval` event per pending approval at connect, then one per change.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys, newest first (never their secrets)
         * @description Admins see every key, users their own and their agents', merchants their own; `principal` narrows to one principal's keys.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    principal?: string;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created: number;
                                id: string;
                                name: string | null;
                                /** @enum {string} */
                                object: "api_key";
                                /** @description The first characters of the secret, to recognise the key. */
                                prefix: string;
                                principal: string;
                                /** @enum {string} */
                                principal_type: "user" | "agent" | "merchant" | "operator";
                                /** @description When the key was revoked, in Unix seconds. */
                                revoked: number | null;
                                scopes: ("parties:read" | "parties:write" | "agents:read" | "agents:write" | "keys:read" | "keys:write" | "mandates:read" | "mandates:write" | "payments:read" | "payments:write" | "approvals:write" | "refunds:write" | "funding:write" | "ledger:read" | "ledger:write" | "webhooks:read" | "webhooks:write" | "billing:read" | "billing:write" | "usage:write" | "subscriptions:write")[];
                                /** @enum {string} */
                                status: "active" | "revoked";
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an API key
         * @description Returns the secret once; AgentPay stores only its hash. Admin operators issue keys to anyone; users to themselves and their agents (needs agents:write); merchants to themselves. A key cannot grant scopes its principal type may not have, nor (unless admin) scopes the calling key lacks.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description The user, agent, merchant or operator the key acts as. */
                        principal: string;
                        /** @description Defaults to every scope the principal may have (for a key you issue yourself: those your key holds). */
                        scopes?: ("parties:read" | "parties:write" | "agents:read" | "agents:write" | "keys:read" | "keys:write" | "mandates:read" | "mandates:write" | "payments:read" | "payments:write" | "approvals:write" | "refunds:write" | "funding:write" | "ledger:read" | "ledger:write" | "webhooks:read" | "webhooks:write" | "billing:read" | "billing:write" | "usage:write" | "subscriptions:write")[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            id: string;
                            name: string | null;
                            /** @enum {string} */
                            object: "api_key";
                            /** @description The first characters of the secret, to recognise the key. */
                            prefix: string;
                            principal: string;
                            /** @enum {string} */
                            principal_type: "user" | "agent" | "merchant" | "operator";
                            /** @description When the key was revoked, in Unix seconds. */
                            revoked: number | null;
                            scopes: ("parties:read" | "parties:write" | "agents:read" | "agents:write" | "keys:read" | "keys:write" | "mandates:read" | "mandates:write" | "payments:read" | "payments:write" | "approvals:write" | "refunds:write" | "funding:write" | "ledger:read" | "ledger:write" | "webhooks:read" | "webhooks:write" | "billing:read" | "billing:write" | "usage:write" | "subscriptions:write")[];
                            /** @description The secret, shown this once: store it now. AgentPay keeps only its hash. */
                            secret: string;
                            /** @enum {string} */
                            status: "active" | "revoked";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an API key (never its secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            id: string;
                            name: string | null;
                            /** @enum {string} */
                            object: "api_key";
                            /** @description The first characters of the secret, to recognise the key. */
                            prefix: string;
                            principal: string;
                            /** @enum {string} */
                            principal_type: "user" | "agent" | "merchant" | "operator";
                            /** @description When the key was revoked, in Unix seconds. */
                            revoked: number | null;
                            scopes: ("parties:read" | "parties:write" | "agents:read" | "agents:write" | "keys:read" | "keys:write" | "mandates:read" | "mandates:write" | "payments:read" | "payments:write" | "approvals:write" | "refunds:write" | "funding:write" | "ledger:read" | "ledger:write" | "webhooks:read" | "webhooks:write" | "billing:read" | "billing:write" | "usage:write" | "subscriptions:write")[];
                            /** @enum {string} */
                            status: "active" | "revoked";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke an API key
         * @description Takes effect from the next request, in every AgentPay process. Revoking twice is harmless.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            id: string;
                            name: string | null;
                            /** @enum {string} */
                            object: "api_key";
                            /** @description The first characters of the secret, to recognise the key. */
                            prefix: string;
                            principal: string;
                            /** @enum {string} */
                            principal_type: "user" | "agent" | "merchant" | "operator";
                            /** @description When the key was revoked, in Unix seconds. */
                            revoked: number | null;
                            scopes: ("parties:read" | "parties:write" | "agents:read" | "agents:write" | "keys:read" | "keys:write" | "mandates:read" | "mandates:write" | "payments:read" | "payments:write" | "approvals:write" | "refunds:write" | "funding:write" | "ledger:read" | "ledger:write" | "webhooks:read" | "webhooks:write" | "billing:read" | "billing:write" | "usage:write" | "subscriptions:write")[];
                            /** @enum {string} */
                            status: "active" | "revoked";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create ledger accounts (idempotent by id)
         * @description Creates up to 8,190 accounts. Each gets a result: `ok`, `exists` when an identical account already exists, or the reason it was refused.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accounts: {
                            /** @description Chart-of-accounts code. */
                            code: number;
                            /** @example CNY */
                            currency: string;
                            flags?: {
                                credits_must_not_exceed_debits?: boolean;
                                debits_must_not_exceed_credits?: boolean;
                                history?: boolean;
                            };
                            id: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                            owner_ref?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                account: {
                                    code: number;
                                    /** @description ISO 8601 time with microseconds truncated to milliseconds. */
                                    created_at: string;
                                    credits_pending: string;
                                    credits_posted: string;
                                    currency: string;
                                    debits_pending: string;
                                    debits_posted: string;
                                    flags: {
                                        closed: boolean;
                                        credits_must_not_exceed_debits: boolean;
                                        debits_must_not_exceed_credits: boolean;
                                        history: boolean;
                                    };
                                    id: string;
                                    metadata: {
                                        [key: string]: unknown;
                                    } | null;
                                    /** @enum {string} */
                                    object: "ledger_account";
                                    owner_ref: string | null;
                                    /** @description Microseconds since the Unix epoch. */
                                    timestamp: string;
                                } | null;
                                id: string;
                                index: number;
                                /** @enum {string} */
                                object: "ledger_account_result";
                                /** @enum {string} */
                                result: "ok" | "flags_reserved" | "flags_are_mutually_exclusive" | "code_must_not_be_zero" | "exists_with_different_flags" | "exists_with_different_currency" | "exists_with_different_code" | "exists_with_different_owner_ref" | "exists_with_different_metadata" | "exists";
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve an account and its balances */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            code: number;
                            /** @description ISO 8601 time with microseconds truncated to milliseconds. */
                            created_at: string;
                            credits_pending: string;
                            credits_posted: string;
                            currency: string;
                            debits_pending: string;
                            debits_posted: string;
                            flags: {
                                closed: boolean;
                                credits_must_not_exceed_debits: boolean;
                                debits_must_not_exceed_credits: boolean;
                                history: boolean;
                            };
                            id: string;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** @enum {string} */
                            object: "ledger_account";
                            owner_ref: string | null;
                            /** @description Microseconds since the Unix epoch. */
                            timestamp: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An account's balances at a point in time
         * @description Needs the account's `history` flag: every change of its balances is kept.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The instant to read the balances at (ISO 8601). Defaults to now. */
                    at?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account_id: string;
                            /** @description ISO 8601 time with microseconds truncated to milliseconds. */
                            at: string;
                            credits_pending: string;
                            credits_posted: string;
                            debits_pending: string;
                            debits_posted: string;
                            /** @enum {string} */
                            object: "ledger_balance";
                            /** @description The last transfer at or before `at`, if any. */
                            transfer_id: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/accounts/{id}/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an account's transfers, newest first
         * @description Cursor pagination: pass the last transfer id of a page as `starting_after` to get the next.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: string;
                                code: number;
                                /** @description ISO 8601 time with microseconds truncated to milliseconds. */
                                created_at: string;
                                credit_account_id: string;
                                currency: string;
                                debit_account_id: string;
                                expires_at: string | null;
                                flags: {
                                    balancing_credit: boolean;
                                    balancing_debit: boolean;
                                    closing_credit: boolean;
                                    closing_debit: boolean;
                                    linked: boolean;
                                    pending: boolean;
                                    post_pending_transfer: boolean;
                                    void_pending_transfer: boolean;
                                };
                                id: string;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                /** @enum {string} */
                                object: "ledger_transfer";
                                pending_id: string | null;
                                pending_status: ("pending" | "posted" | "voided" | "expired") | null;
                                tags: {
                                    business_unit: string | null;
                                    cost_centre: string | null;
                                    intent_id: string | null;
                                    session_id: string | null;
                                };
                                timeout: number;
                                /** @description Microseconds since the Unix epoch; orders an account's history. */
                                timestamp: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit transfers (idempotent by id, group-committed)
         * @description Applies up to 8,190 transfers in order, atomically per linked chain, and answers once they are durable. Every transfer gets a result code (`ok`, `exists`, `exceeds_credits`, …); a failed transfer changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        transfers: {
                            /** @description Positive integer amount in minor units; a string of digits above 2^53-1. */
                            amount?: number | string;
                            /** @description Reason code; required except for post/void. */
                            code?: number;
                            credit_account_id?: string;
                            /** @example CNY */
                            currency?: string;
                            debit_account_id?: string;
                            flags?: {
                                balancing_credit?: boolean;
                                balancing_debit?: boolean;
                                closing_credit?: boolean;
                                closing_debit?: boolean;
                                linked?: boolean;
                                pending?: boolean;
                                post_pending_transfer?: boolean;
                                void_pending_transfer?: boolean;
                            };
                            /** @description Client-chosen, unique: the transfer's idempotency key. */
                            id: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                            pending_id?: string;
                            tags?: {
                                business_unit?: string;
                                cost_centre?: string;
                                intent_id?: string;
                                session_id?: string;
                            };
                            /** @description Seconds a pending transfer stays open. */
                            timeout?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                id: string;
                                index: number;
                                /** @enum {string} */
                                object: "ledger_transfer_result";
                                /** @enum {string} */
                                result: "ok" | "linked_event_failed" | "linked_event_chain_open" | "flags_are_mutually_exclusive" | "amount_must_be_positive" | "accounts_must_be_different" | "pending_id_must_be_empty" | "pending_id_must_not_be_empty" | "pending_id_must_be_different" | "timeout_reserved_for_pending_transfer" | "closing_transfer_must_be_pending" | "debit_account_id_must_not_be_empty" | "credit_account_id_must_not_be_empty" | "currency_must_not_be_empty" | "code_must_not_be_zero" | "exists_with_different_flags" | "exists_with_different_pending_id" | "exists_with_different_timeout" | "exists_with_different_debit_account_id" | "exists_with_different_credit_account_id" | "exists_with_different_amount" | "exists_with_different_currency" | "exists_with_different_code" | "exists_with_different_tags" | "exists_with_different_metadata" | "exists" | "debit_account_not_found" | "credit_account_not_found" | "accounts_must_have_same_currency" | "transfer_must_have_same_currency_as_accounts" | "pending_transfer_not_found" | "pending_transfer_not_pending" | "pending_transfer_has_different_debit_account_id" | "pending_transfer_has_different_credit_account_id" | "pending_transfer_has_different_currency" | "pending_transfer_has_different_code" | "exceeds_pending_transfer_amount" | "pending_transfer_has_different_amount" | "pending_transfer_already_posted" | "pending_transfer_already_voided" | "pending_transfer_expired" | "debit_account_already_closed" | "credit_account_already_closed" | "overflows_debits_pending" | "overflows_credits_pending" | "overflows_debits_posted" | "overflows_credits_posted" | "overflows_debits" | "overflows_credits" | "exceeds_credits" | "exceeds_debits";
                                transfer: {
                                    amount: string;
                                    code: number;
                                    /** @description ISO 8601 time with microseconds truncated to milliseconds. */
                                    created_at: string;
                                    credit_account_id: string;
                                    currency: string;
                                    debit_account_id: string;
                                    expires_at: string | null;
                                    flags: {
                                        balancing_credit: boolean;
                                        balancing_debit: boolean;
                                        closing_credit: boolean;
                                        closing_debit: boolean;
                                        linked: boolean;
                                        pending: boolean;
                                        post_pending_transfer: boolean;
                                        void_pending_transfer: boolean;
                                    };
                                    id: string;
                                    metadata: {
                                        [key: string]: unknown;
                                    } | null;
                                    /** @enum {string} */
                                    object: "ledger_transfer";
                                    pending_id: string | null;
                                    pending_status: ("pending" | "posted" | "voided" | "expired") | null;
                                    tags: {
                                        business_unit: string | null;
                                        cost_centre: string | null;
                                        intent_id: string | null;
                                        session_id: string | null;
                                    };
                                    timeout: number;
                                    /** @description Microseconds since the Unix epoch; orders an account's history. */
                                    timestamp: string;
                                } | null;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a transfer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: string;
                            code: number;
                            /** @description ISO 8601 time with microseconds truncated to milliseconds. */
                            created_at: string;
                            credit_account_id: string;
                            currency: string;
                            debit_account_id: string;
                            expires_at: string | null;
                            flags: {
                                balancing_credit: boolean;
                                balancing_debit: boolean;
                                closing_credit: boolean;
                                closing_debit: boolean;
                                linked: boolean;
                                pending: boolean;
                                post_pending_transfer: boolean;
                                void_pending_transfer: boolean;
                            };
                            id: string;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** @enum {string} */
                            object: "ledger_transfer";
                            pending_id: string | null;
                            pending_status: ("pending" | "posted" | "voided" | "expired") | null;
                            tags: {
                                business_unit: string | null;
                                cost_centre: string | null;
                                intent_id: string | null;
                                session_id: string | null;
                            };
                            timeout: number;
                            /** @description Microseconds since the Unix epoch; orders an account's history. */
                            timestamp: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mandates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List mandates, newest first
         * @description A user sees the mandates they granted, an agent those granted to it, an operator all.
         */
        get: {
            parameters: {
                query?: {
                    agent_id?: string;
                    limit?: number;
                    starting_after?: string;
                    user_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                agent_id: string;
                                allowed_categories: string[] | null;
                                allowed_merchants: string[] | null;
                                amount_max: number;
                                amount_min: number;
                                /** @description The limits the user set (null: no limit at that level). */
                                budgets: {
                                    day: number | null;
                                    month: number | null;
                                    session: number | null;
                                    total: number | null;
                                    week: number | null;
                                };
                                /** @description Unix seconds. */
                                created: number;
                                currency: string;
                                id: string;
                                instruction: string;
                                /** @description The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                                jws: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                not_after: string;
                                not_before: string;
                                /** @enum {string} */
                                object: "mandate";
                                recurrence: {
                                    frequency: string;
                                    max_occurrences: number | null;
                                } | null;
                                /** @description What is left now: the current day/week/month, the whole mandate; session budgets are per session. */
                                remaining: {
                                    day: number | null;
                                    month: number | null;
                                    occurrences: number | null;
                                    session: number | null;
                                    total: number | null;
                                    week: number | null;
                                };
                                /** @enum {string} */
                                status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                                step_up_threshold: number | null;
                                timezone: string;
                                /** @description Unix seconds. */
                                updated: number;
                                user_id: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Grant a mandate to one of your agents
         * @description Only the user (with a user key) grants a mandate, never the agent. The mandate is signed by AgentPay (`jws`) so that merchants can verify it offline against /.well-known/jwks.json.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The agent this mandate authorises (one of the user's agents). */
                        agent_id: string;
                        allowed_categories?: string[];
                        allowed_merchants?: string[];
                        /** @description Largest single payment (minor units). */
                        amount_max: number;
                        /** @description Smallest single payment (minor units); default 1. */
                        amount_min?: number;
                        budget_day?: number;
                        budget_month?: number;
                        /** @description Total the agent may spend under this mandate. */
                        budget_total?: number;
                        budget_week?: number;
                        currency: string;
                        /** @description The user's instruction in their own words, e.g. 'renew my gym membership every month'. */
                        instruction: string;
                        metadata?: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @description End of the approved window: nothing is paid after it.
                         */
                        not_after: string;
                        /**
                         * Format: date-time
                         * @description Start of the approved window; default now.
                         */
                        not_before?: string;
                        /** @description For recurring payments: at most one payment per period, and at most max_occurrences in all. */
                        recurrence?: {
                            /** @enum {string} */
                            frequency: "day" | "week" | "month" | "year";
                            max_occurrences?: number;
                        };
                        /** @description Budget of each agent session (payments tagged with a session id). */
                        session_budget?: number;
                        /** @description Payments above this amount wait for the user to confirm them. */
                        step_up_threshold?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            allowed_categories: string[] | null;
                            allowed_merchants: string[] | null;
                            amount_max: number;
                            amount_min: number;
                            /** @description The limits the user set (null: no limit at that level). */
                            budgets: {
                                day: number | null;
                                month: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @description Unix seconds. */
                            created: number;
                            currency: string;
                            id: string;
                            instruction: string;
                            /** @description The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            not_after: string;
                            not_before: string;
                            /** @enum {string} */
                            object: "mandate";
                            recurrence: {
                                frequency: string;
                                max_occurrences: number | null;
                            } | null;
                            /** @description What is left now: the current day/week/month, the whole mandate; session budgets are per session. */
                            remaining: {
                                day: number | null;
                                month: number | null;
                                occurrences: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description Unix seconds. */
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mandates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a mandate with its remaining budgets
         * @description The granting user, the authorised agent and operators; anyone else gets 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            allowed_categories: string[] | null;
                            allowed_merchants: string[] | null;
                            amount_max: number;
                            amount_min: number;
                            /** @description The limits the user set (null: no limit at that level). */
                            budgets: {
                                day: number | null;
                                month: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @description Unix seconds. */
                            created: number;
                            currency: string;
                            id: string;
                            instruction: string;
                            /** @description The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            not_after: string;
                            not_before: string;
                            /** @enum {string} */
                            object: "mandate";
                            recurrence: {
                                frequency: string;
                                max_occurrences: number | null;
                            } | null;
                            /** @description What is left now: the current day/week/month, the whole mandate; session budgets are per session. */
                            remaining: {
                                day: number | null;
                                month: number | null;
                                occurrences: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description Unix seconds. */
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mandates/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a mandate
         * @description The owner pauses the mandate: the agent's next payment is declined with `mandate_paused`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            allowed_categories: string[] | null;
                            allowed_merchants: string[] | null;
                            amount_max: number;
                            amount_min: number;
                            /** @description The limits the user set (null: no limit at that level). */
                            budgets: {
                                day: number | null;
                                month: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @description Unix seconds. */
                            created: number;
                            currency: string;
                            id: string;
                            instruction: string;
                            /** @description The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            not_after: string;
                            not_before: string;
                            /** @enum {string} */
                            object: "mandate";
                            recurrence: {
                                frequency: string;
                                max_occurrences: number | null;
                            } | null;
                            /** @description What is left now: the current day/week/month, the whole mandate; session budgets are per session. */
                            remaining: {
                                day: number | null;
                                month: number | null;
                                occurrences: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description Unix seconds. */
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mandates/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a mandate
         * @description The owner resumes a paused mandate.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            allowed_categories: string[] | null;
                            allowed_merchants: string[] | null;
                            amount_max: number;
                            amount_min: number;
                            /** @description The limits the user set (null: no limit at that level). */
                            budgets: {
                                day: number | null;
                                month: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @description Unix seconds. */
                            created: number;
                            currency: string;
                            id: string;
                            instruction: string;
                            /** @description The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            not_after: string;
                            not_before: string;
                            /** @enum {string} */
                            object: "mandate";
                            recurrence: {
                                frequency: string;
                                max_occurrences: number | null;
                            } | null;
                            /** @description What is left now: the current day/week/month, the whole mandate; session budgets are per session. */
                            remaining: {
                                day: number | null;
                                month: number | null;
                                occurrences: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description Unix seconds. */
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/mandates/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a mandate
         * @description The owner (or an admin/risk operator) revokes the mandate for good; effective for the next request.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            allowed_categories: string[] | null;
                            allowed_merchants: string[] | null;
                            amount_max: number;
                            amount_min: number;
                            /** @description The limits the user set (null: no limit at that level). */
                            budgets: {
                                day: number | null;
                                month: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @description Unix seconds. */
                            created: number;
                            currency: string;
                            id: string;
                            instruction: string;
                            /** @description The mandate signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            not_after: string;
                            not_before: string;
                            /** @enum {string} */
                            object: "mandate";
                            recurrence: {
                                frequency: string;
                                max_occurrences: number | null;
                            } | null;
                            /** @description What is left now: the current day/week/month, the whole mandate; session budgets are per session. */
                            remaining: {
                                day: number | null;
                                month: number | null;
                                occurrences: number | null;
                                session: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description Unix seconds. */
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List merchants, newest first
         * @description Operators only.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                category: string;
                                country: string;
                                /** @description Creation time in seconds since the Unix epoch. */
                                created: number;
                                fee_bps: number | null;
                                id: string;
                                legal_name: string;
                                metadata: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                object: "merchant";
                                /** @enum {string} */
                                status: "active" | "suspended";
                                tax_id: string | null;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a merchant
         * @description Admin operators only. The settlement account opens per currency on first use.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Merchant category; mandates may allow or exclude categories. */
                        category: string;
                        /** @example CN */
                        country: string;
                        /** @description Platform fee override in basis points (0-10000). */
                        fee_bps?: number;
                        legal_name: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        tax_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            country: string;
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            fee_bps: number | null;
                            id: string;
                            legal_name: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "merchant";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            tax_id: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/merchants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a merchant
         * @description Operators, and the merchant itself; any other merchant gets 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            country: string;
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            fee_bps: number | null;
                            id: string;
                            legal_name: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "merchant";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            tax_id: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Update a merchant
         * @description Admin operators only: business data, fee override (`fee_bps`, null for the platform default), status.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Merchant category; mandates may allow or exclude categories. */
                        category?: string;
                        /** @example CN */
                        country?: string;
                        fee_bps?: number | null;
                        legal_name?: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        status?: "active" | "suspended";
                        tax_id?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            category: string;
                            country: string;
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            fee_bps: number | null;
                            id: string;
                            legal_name: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "merchant";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            tax_id: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operators, newest first
         * @description Admin operators only.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Creation time in seconds since the Unix epoch. */
                                created: number;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                object: "operator";
                                /** @enum {string} */
                                role: "admin" | "risk" | "finance" | "support";
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create an operator
         * @description Admin operators only. Roles: admin, risk, finance, support.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "risk" | "finance" | "support";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            object: "operator";
                            /** @enum {string} */
                            role: "admin" | "risk" | "finance" | "support";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operators/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an operator
         * @description Admin operators, and the operator itself.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            object: "operator";
                            /** @enum {string} */
                            role: "admin" | "risk" | "finance" | "support";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment_requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request a payment for a resource (merchants; HTTP 402)
         * @description Creates a payment request for one resource — amount, currency, the URL or path it pays for, an expiry and a random nonce — signed by AgentPay as a compact JWS (`jws`, typ `agentpay-payment-request+jwt`). Hand the JWS to the agent in your 402 answer; the agent pays it with POST /v1/payment_requests/pay and comes back with a receipt whose `order_reference` is this request's id. Moves no money. An `Idempotency-Key` is optional.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Minor units: 100 with CNY is ¥1.00. */
                        amount: number;
                        currency: string;
                        /** @description Shown to the agent and the user. */
                        description?: string;
                        /**
                         * @description Seconds the agent has to pay it (default 300, at most 3600).
                         * @default 300
                         */
                        expires_in?: number;
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description What the payment buys: the URL or path your server checks the receipt against, e.g. /v1/forecast?city=hz. */
                        resource: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            created: number;
                            currency: string;
                            description: string | null;
                            expires_at: number;
                            id: string;
                            /** @description The request signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            nonce: string;
                            /** @enum {string} */
                            object: "payment_request";
                            paid_at: number | null;
                            /** @description The payment that paid it; null until it is paid. */
                            payment_id: string | null;
                            resource: string;
                            /** @enum {string} */
                            status: "open" | "paid" | "expired";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment_requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a payment request
         * @description Its merchant, operators, and the agent paying or having paid it; anyone else gets 404. Agents pay a request by presenting its JWS, never by looking it up. `status` is open, paid or expired.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            created: number;
                            currency: string;
                            description: string | null;
                            expires_at: number;
                            id: string;
                            /** @description The request signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                            jws: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            nonce: string;
                            /** @enum {string} */
                            object: "payment_request";
                            paid_at: number | null;
                            /** @description The payment that paid it; null until it is paid. */
                            payment_id: string | null;
                            resource: string;
                            /** @enum {string} */
                            status: "open" | "paid" | "expired";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment_requests/pay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay a payment request from a merchant's 402 answer (agents)
         * @description Checks the request's signature, expiry and status, then pays it under the mandate exactly as POST /v1/payments does (mandate, budgets, KYC, risk, step-up), with the request id as `order_reference`. The payment's idempotency key is derived from the request id, so paying the same request again returns the same payment: an `Idempotency-Key` header is optional. Answers the request, the payment and, once it succeeded, its signed `receipt` to send back to the merchant. `requires_confirmation`: the user must approve; call again afterwards to get the receipt. A decline answers 402 with a `decline_code`, like POST /v1/payments; an expired, already paid or otherwise claimed request answers 409.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The user intent behind the payment: it links the money to what the person asked for. */
                        intent: {
                            /**
                             * Format: date-time
                             * @description When the user gave the instruction.
                             */
                            given_at?: string;
                            /** @description The id of the user instruction this payment serves. */
                            id: string;
                            /** @description The user's words; stored as a hash. */
                            instruction?: string;
                            /** @description sha256 hex of the user's words. */
                            instruction_hash?: string;
                        };
                        /** @description The mandate the user granted this agent. */
                        mandate_id: string;
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description The payment request as the merchant's 402 answer carried it: a compact JWS signed by AgentPay. */
                        request: string;
                        tags?: {
                            business_unit?: string;
                            cost_centre?: string;
                            session_id?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            object: "payment_request_payment";
                            payment: {
                                agent_id: string;
                                amount: number;
                                amount_captured: number;
                                amount_refunded: number;
                                approval_id: string | null;
                                cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                                /** @enum {string} */
                                capture_method: "automatic" | "manual";
                                created: number;
                                currency: string;
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                                description: string | null;
                                /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                                expires_at: number | null;
                                fee_amount: number;
                                id: string;
                                intent: {
                                    given_at: number | null;
                                    id: string;
                                    instruction_hash: string | null;
                                };
                                line_items: {
                                    description: string;
                                    quantity: number;
                                    unit_amount: number;
                                }[] | null;
                                mandate_id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                /** @enum {string} */
                                object: "payment";
                                order_reference: string | null;
                                /**
                                 * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                                 * @enum {string}
                                 */
                                purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                                /** @enum {string} */
                                status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                                subscription_id: string | null;
                                tags: {
                                    business_unit: string | null;
                                    cost_centre: string | null;
                                    session_id: string | null;
                                };
                                tip_message: string | null;
                                updated: number;
                                user_id: string;
                            };
                            payment_request: {
                                amount: number;
                                created: number;
                                currency: string;
                                description: string | null;
                                expires_at: number;
                                id: string;
                                /** @description The request signed by AgentPay (compact JWS, EdDSA); verify with /.well-known/jwks.json. */
                                jws: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                nonce: string;
                                /** @enum {string} */
                                object: "payment_request";
                                paid_at: number | null;
                                /** @description The payment that paid it; null until it is paid. */
                                payment_id: string | null;
                                resource: string;
                                /** @enum {string} */
                                status: "open" | "paid" | "expired";
                            };
                            /** @description Present once the payment succeeded; null while it waits for the user's confirmation. */
                            receipt: {
                                claims: {
                                    [key: string]: unknown;
                                };
                                /** @description The payment's receipt signed by AgentPay; its order_reference is the payment request id. */
                                jws: string;
                            } | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List payments, newest first
         * @description An agent sees its payments, a user theirs, a merchant those it received; operators all.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    mandate_id?: string;
                    starting_after?: string;
                    status?: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                agent_id: string;
                                amount: number;
                                amount_captured: number;
                                amount_refunded: number;
                                approval_id: string | null;
                                cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                                /** @enum {string} */
                                capture_method: "automatic" | "manual";
                                created: number;
                                currency: string;
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                                description: string | null;
                                /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                                expires_at: number | null;
                                fee_amount: number;
                                id: string;
                                intent: {
                                    given_at: number | null;
                                    id: string;
                                    instruction_hash: string | null;
                                };
                                line_items: {
                                    description: string;
                                    quantity: number;
                                    unit_amount: number;
                                }[] | null;
                                mandate_id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                /** @enum {string} */
                                object: "payment";
                                order_reference: string | null;
                                /**
                                 * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                                 * @enum {string}
                                 */
                                purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                                /** @enum {string} */
                                status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                                subscription_id: string | null;
                                tags: {
                                    business_unit: string | null;
                                    cost_centre: string | null;
                                    session_id: string | null;
                                };
                                tip_message: string | null;
                                updated: number;
                                user_id: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Pay a merchant under a mandate (agents)
         * @description Moves the user's money to the merchant if the payment fits the mandate (status, window, payee, amount range, every budget), the user's KYC limits and risk control. Requires an `Idempotency-Key`: a retry with the same key returns the same payment and never pays twice. Answers `succeeded` (capture true), `requires_capture` (capture false: a hold), or `requires_confirmation` (the user must approve; poll the payment). A decline answers 402 with a machine-readable `decline_code` and the declined payment.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Minor units: 1234 CNY is ¥12.34. */
                        amount: number;
                        /** @description true (default): pay at once; false: authorise a hold to capture later. */
                        capture?: boolean;
                        currency: string;
                        description?: string;
                        /** @description The user intent behind the payment: it links the money to what the person asked for. */
                        intent: {
                            /**
                             * Format: date-time
                             * @description When the user gave the instruction.
                             */
                            given_at?: string;
                            /** @description The id of the user instruction this payment serves. */
                            id: string;
                            /** @description The user's words; stored as a hash. */
                            instruction?: string;
                            /** @description sha256 hex of the user's words. */
                            instruction_hash?: string;
                        };
                        line_items?: {
                            description: string;
                            quantity: number;
                            unit_amount: number;
                        }[];
                        /** @description The mandate the user granted this agent. */
                        mandate_id: string;
                        merchant_id: string;
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description The merchant's order or cart id. */
                        order_reference?: string;
                        tags?: {
                            business_unit?: string;
                            cost_centre?: string;
                            session_id?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            amount: number;
                            amount_captured: number;
                            amount_refunded: number;
                            approval_id: string | null;
                            cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            created: number;
                            currency: string;
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                            description: string | null;
                            /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                            expires_at: number | null;
                            fee_amount: number;
                            id: string;
                            intent: {
                                given_at: number | null;
                                id: string;
                                instruction_hash: string | null;
                            };
                            line_items: {
                                description: string;
                                quantity: number;
                                unit_amount: number;
                            }[] | null;
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "payment";
                            order_reference: string | null;
                            /**
                             * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                             * @enum {string}
                             */
                            purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                            /** @enum {string} */
                            status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                            subscription_id: string | null;
                            tags: {
                                business_unit: string | null;
                                cost_centre: string | null;
                                session_id: string | null;
                            };
                            tip_message: string | null;
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a payment
         * @description Its agent, its user, its merchant and operators; anyone else gets 404. Agents poll this after `requires_confirmation`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            amount: number;
                            amount_captured: number;
                            amount_refunded: number;
                            approval_id: string | null;
                            cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            created: number;
                            currency: string;
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                            description: string | null;
                            /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                            expires_at: number | null;
                            fee_amount: number;
                            id: string;
                            intent: {
                                given_at: number | null;
                                id: string;
                                instruction_hash: string | null;
                            };
                            line_items: {
                                description: string;
                                quantity: number;
                                unit_amount: number;
                            }[] | null;
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "payment";
                            order_reference: string | null;
                            /**
                             * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                             * @enum {string}
                             */
                            purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                            /** @enum {string} */
                            status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                            subscription_id: string | null;
                            tags: {
                                business_unit: string | null;
                                cost_centre: string | null;
                                session_id: string | null;
                            };
                            tip_message: string | null;
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a payment that is not captured
         * @description Voids an uncaptured hold (or withdraws a payment waiting for the user's confirmation); budgets and wallet are released.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            amount: number;
                            amount_captured: number;
                            amount_refunded: number;
                            approval_id: string | null;
                            cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            created: number;
                            currency: string;
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                            description: string | null;
                            /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                            expires_at: number | null;
                            fee_amount: number;
                            id: string;
                            intent: {
                                given_at: number | null;
                                id: string;
                                instruction_hash: string | null;
                            };
                            line_items: {
                                description: string;
                                quantity: number;
                                unit_amount: number;
                            }[] | null;
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "payment";
                            order_reference: string | null;
                            /**
                             * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                             * @enum {string}
                             */
                            purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                            /** @enum {string} */
                            status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                            subscription_id: string | null;
                            tags: {
                                business_unit: string | null;
                                cost_centre: string | null;
                                session_id: string | null;
                            };
                            tip_message: string | null;
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/capture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Capture an authorised payment (merchants)
         * @description Posts the hold, fully or partly (`amount`); the rest is released. The platform fee is taken now. Capturing again answers the captured payment.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Minor units to capture; default the whole authorised amount. */
                        amount?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_id: string;
                            amount: number;
                            amount_captured: number;
                            amount_refunded: number;
                            approval_id: string | null;
                            cancellation_reason: ("requested_by_agent" | "requested_by_merchant" | "requested_by_user" | "requested_by_operator" | "hold_expired" | "confirmation_declined" | "confirmation_expired") | null;
                            /** @enum {string} */
                            capture_method: "automatic" | "manual";
                            created: number;
                            currency: string;
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
                            description: string | null;
                            /** @description When an uncaptured hold or an unanswered confirmation lapses. */
                            expires_at: number | null;
                            fee_amount: number;
                            id: string;
                            intent: {
                                given_at: number | null;
                                id: string;
                                instruction_hash: string | null;
                            };
                            line_items: {
                                description: string;
                                quantity: number;
                                unit_amount: number;
                            }[] | null;
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "payment";
                            order_reference: string | null;
                            /**
                             * @description What the payment pays for: a purchase, a subscription's period or its reservation top-up, a tip.
                             * @enum {string}
                             */
                            purpose: "purchase" | "subscription" | "subscription_top_up" | "tip";
                            /** @enum {string} */
                            status: "processing" | "requires_confirmation" | "requires_capture" | "succeeded" | "canceled" | "declined";
                            subscription_id: string | null;
                            tags: {
                                business_unit: string | null;
                                cost_centre: string | null;
                                session_id: string | null;
                            };
                            tip_message: string | null;
                            updated: number;
                            user_id: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A succeeded payment's receipt, signed by AgentPay
         * @description `jws` is a compact JWS (EdDSA); verify it offline with /.well-known/jwks.json. `claims` is its payload.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            claims: {
                                [key: string]: unknown;
                            };
                            jws: string;
                            /** @enum {string} */
                            object: "receipt";
                            payment_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a payment's refunds */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                amount: number;
                                created: number;
                                currency: string;
                                id: string;
                                /** @enum {string} */
                                object: "refund";
                                payment_id: string;
                                reason: string | null;
                                /** @enum {string} */
                                status: "succeeded";
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Refund a payment, fully or partly (merchants)
         * @description Returns money from the merchant to the payer's wallet, within the refund window; several refunds may add up to the captured amount. Requires an Idempotency-Key.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Minor units to refund; default all that is left. */
                        amount?: number;
                        reason?: string;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            created: number;
                            currency: string;
                            id: string;
                            /** @enum {string} */
                            object: "refund";
                            payment_id: string;
                            reason: string | null;
                            /** @enum {string} */
                            status: "succeeded";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pay out a merchant's balance
         * @description Requires an Idempotency-Key. Operators name the merchant_id; users and merchants act on their own account.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: number;
                        currency: string;
                        merchant_id?: string;
                        /**
                         * @description The funding instrument; the sandbox connector's outcomes.
                         * @default sandbox_ok
                         * @enum {string}
                         */
                        source?: "sandbox_ok" | "sandbox_decline" | "sandbox_delay" | "sandbox_error";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            connector: string;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            id: string;
                            /** @enum {string} */
                            object: "topup" | "payout";
                            party_id: string;
                            /** @enum {string} */
                            status: "succeeded" | "failed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/topups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Top up a wallet through the funding connector
         * @description Requires an Idempotency-Key. Operators name the user_id; users and merchants act on their own account.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        amount: number;
                        currency: string;
                        /**
                         * @description The funding instrument; the sandbox connector's outcomes.
                         * @default sandbox_ok
                         * @enum {string}
                         */
                        source?: "sandbox_ok" | "sandbox_decline" | "sandbox_delay" | "sandbox_error";
                        user_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            amount: number;
                            connector: string;
                            created: number;
                            currency: string;
                            failure_code: string | null;
                            id: string;
                            /** @enum {string} */
                            object: "topup" | "payout";
                            party_id: string;
                            /** @enum {string} */
                            status: "succeeded" | "failed";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users, newest first
         * @description Operators only. Pass the last id of a page as `starting_after` for the next.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Creation time in seconds since the Unix epoch. */
                                created: number;
                                email: string | null;
                                id: string;
                                kyc_level: number;
                                metadata: {
                                    [key: string]: string;
                                };
                                name: string;
                                /** @enum {string} */
                                object: "user";
                                residency_region: string;
                                /** @enum {string} */
                                status: "active" | "suspended";
                                timezone: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user
         * @description Admin operators only. The user's wallet opens per currency on first use.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        /**
                         * @description 0 (unverified) to 3 (fully verified).
                         * @default 0
                         */
                        kyc_level?: number;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        name: string;
                        /** @description Where the user's data must reside. */
                        residency_region: string;
                        /** @example Asia/Shanghai */
                        timezone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            email: string | null;
                            id: string;
                            kyc_level: number;
                            metadata: {
                                [key: string]: string;
                            };
                            name: string;
                            /** @enum {string} */
                            object: "user";
                            residency_region: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            timezone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a user
         * @description Operators, and the user itself; any other user is told it does not exist (404).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            email: string | null;
                            id: string;
                            kyc_level: number;
                            metadata: {
                                [key: string]: string;
                            };
                            name: string;
                            /** @enum {string} */
                            object: "user";
                            residency_region: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            timezone: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Update a user
         * @description The user itself may change name, email, timezone and metadata; admin operators also kyc_level, residency_region and status.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description Users may change name, email, timezone and metadata; admins also kyc_level, residency_region and status. */
            requestBody: {
                content: {
                    "application/json": {
                        email?: string | null;
                        /** @description 0 (unverified) to 3 (fully verified). */
                        kyc_level?: number;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        name?: string;
                        /** @description Where the user's data must reside. */
                        residency_region?: string;
                        /** @enum {string} */
                        status?: "active" | "suspended";
                        /** @example Asia/Shanghai */
                        timezone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Creation time in seconds since the Unix epoch. */
                            created: number;
                            email: string | null;
                            id: string;
                            kyc_level: number;
                            metadata: {
                                [key: string]: string;
                            };
                            name: string;
                            /** @enum {string} */
                            object: "user";
                            residency_region: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            timezone: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your wallet (a user's own, or the wallet of the user an agent acts for) */
        get: {
            parameters: {
                query?: {
                    currency?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                /** @description What can be spent now: posted credits minus debits and holds. */
                                available: number;
                                currency: string;
                                /** @description Reserved by uncaptured payments. */
                                held: number;
                            }[];
                            /** @enum {string} */
                            object: "wallet";
                            user_id: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints, newest first
         * @description Users and merchants see their own; admins all of them, or one owner's with `owner`. Never the secrets.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description Admins: only this user's or merchant's endpoints. */
                    owner?: string;
                    starting_after?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                /** @description Failed attempts in a row; at the deployment's threshold the endpoint turns `failing`. */
                                consecutive_failures: number;
                                created: number;
                                description: string | null;
                                enabled_events: string[];
                                id: string;
                                /** @enum {string} */
                                object: "webhook_endpoint";
                                owner: string;
                                /** @enum {string} */
                                owner_type: "user" | "merchant";
                                /** @enum {string} */
                                status: "enabled" | "disabled" | "failing";
                                updated: number;
                                url: string;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a webhook endpoint
         * @description A user or merchant registers an endpoint for its own events (admins for any user or merchant, with `owner`). Events are POSTed as JSON signed per the Standard Webhooks spec (`webhook-id`, `webhook-timestamp`, `webhook-signature`); the signing `secret` is returned now and never again (rotate it to get a new one). A merchant hears of its payments and payouts; a user of its payments, approvals, mandates and top-ups.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string;
                        /** @description The event types to deliver, or ['*'] for all of them. */
                        enabled_events: ("payment.requires_confirmation" | "payment.authorized" | "payment.succeeded" | "payment.captured" | "payment.canceled" | "payment.declined" | "payment.refunded" | "approval.approved" | "approval.declined" | "approval.expired" | "mandate.created" | "mandate.paused" | "mandate.resumed" | "mandate.revoked" | "topup.succeeded" | "topup.failed" | "payout.succeeded" | "payout.failed" | "*")[];
                        /** @description Admins only: the user or merchant the endpoint belongs to. Others own what they create. */
                        owner?: string;
                        /** @description Where events are POSTed: http or https; redirects are not followed. */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Failed attempts in a row; at the deployment's threshold the endpoint turns `failing`. */
                            consecutive_failures: number;
                            created: number;
                            description: string | null;
                            enabled_events: string[];
                            id: string;
                            /** @enum {string} */
                            object: "webhook_endpoint";
                            owner: string;
                            /** @enum {string} */
                            owner_type: "user" | "merchant";
                            /** @description The signing secret (whsec_…), shown at creation and rotation only: verify `webhook-signature` with it. */
                            secret: string;
                            /** @enum {string} */
                            status: "enabled" | "disabled" | "failing";
                            updated: number;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a webhook endpoint
         * @description Its owner and admins; anyone else gets 404. The secret is not shown.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Failed attempts in a row; at the deployment's threshold the endpoint turns `failing`. */
                            consecutive_failures: number;
                            created: number;
                            description: string | null;
                            enabled_events: string[];
                            id: string;
                            /** @enum {string} */
                            object: "webhook_endpoint";
                            owner: string;
                            /** @enum {string} */
                            owner_type: "user" | "merchant";
                            /** @enum {string} */
                            status: "enabled" | "disabled" | "failing";
                            updated: number;
                            url: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Update a webhook endpoint
         * @description Change the URL, event types, description or status. `status: enabled` also revives a `failing` endpoint: its queued deliveries go out again; `disabled` stops deliveries and queues no new ones.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        /** @description The event types to deliver, or ['*'] for all of them. */
                        enabled_events?: ("payment.requires_confirmation" | "payment.authorized" | "payment.succeeded" | "payment.captured" | "payment.canceled" | "payment.declined" | "payment.refunded" | "approval.approved" | "approval.declined" | "approval.expired" | "mandate.created" | "mandate.paused" | "mandate.resumed" | "mandate.revoked" | "topup.succeeded" | "topup.failed" | "payout.succeeded" | "payout.failed" | "*")[];
                        /**
                         * @description `disabled` stops deliveries; `enabled` also ends `failing`.
                         * @enum {string}
                         */
                        status?: "enabled" | "disabled";
                        /** @description Where events are POSTed: http or https; redirects are not followed. */
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Failed attempts in a row; at the deployment's threshold the endpoint turns `failing`. */
                            consecutive_failures: number;
                            created: number;
                            description: string | null;
                            enabled_events: string[];
                            id: string;
                            /** @enum {string} */
                            object: "webhook_endpoint";
                            owner: string;
                            /** @enum {string} */
                            owner_type: "user" | "merchant";
                            /** @enum {string} */
                            status: "enabled" | "disabled" | "failing";
                            updated: number;
                            url: string;
                        };
                    };
                };
            };
        };
        /**
         * Delete a webhook endpoint
         * @description Its pending deliveries are dropped; the audit trail keeps what it was.
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            deleted: true;
                            id: string;
                            /** @enum {string} */
                            object: "webhook_endpoint";
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List an endpoint's deliveries, newest first
         * @description One delivery per event: its status (pending, succeeded, failed), attempts, last response and next attempt.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                    status?: "pending" | "succeeded" | "failed";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                attempts: number;
                                created: number;
                                endpoint_id: string;
                                /** @description The `webhook-id` header of every attempt: receivers dedupe on it. */
                                event_id: string;
                                event_type: string;
                                id: string;
                                last_attempt_at: number | null;
                                last_error: string | null;
                                /** @description The receiver's HTTP status; null when there was none (timeout, refused). */
                                last_response_status: number | null;
                                next_attempt_at: number | null;
                                /** @enum {string} */
                                object: "webhook_delivery";
                                /** @enum {string} */
                                status: "pending" | "succeeded" | "failed";
                                updated: number;
                            }[];
                            has_more: boolean;
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries/{delivery_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again now
         * @description One attempt at once, with the same `webhook-id` and body (fresh timestamp and signature), whatever the delivery's status; answers with the delivery after it. A failure continues the retry schedule.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    delivery_id: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            created: number;
                            endpoint_id: string;
                            /** @description The `webhook-id` header of every attempt: receivers dedupe on it. */
                            event_id: string;
                            event_type: string;
                            id: string;
                            last_attempt_at: number | null;
                            last_error: string | null;
                            /** @description The receiver's HTTP status; null when there was none (timeout, refused). */
                            last_response_status: number | null;
                            next_attempt_at: number | null;
                            /** @enum {string} */
                            object: "webhook_delivery";
                            /** @enum {string} */
                            status: "pending" | "succeeded" | "failed";
                            updated: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/rotate_secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook endpoint's signing secret
         * @description Returns the new secret, this once. Until `expire_previous_after_s` has passed (default 24 h) deliveries carry a signature with each secret, so the receiver can switch without missing an event.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description How long the old secret keeps signing beside the new one (both signatures are sent); default 24 h, 0: at once. */
                        expire_previous_after_s?: number;
                    } | null;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Failed attempts in a row; at the deployment's threshold the endpoint turns `failing`. */
                            consecutive_failures: number;
                            created: number;
                            description: string | null;
                            enabled_events: string[];
                            id: string;
                            /** @enum {string} */
                            object: "webhook_endpoint";
                            owner: string;
                            /** @enum {string} */
                            owner_type: "user" | "merchant";
                            /** @description The signing secret (whsec_…), shown at creation and rotation only: verify `webhook-signature` with it. */
                            secret: string;
                            /** @enum {string} */
                            status: "enabled" | "disabled" | "failing";
                            updated: number;
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
