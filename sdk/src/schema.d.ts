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
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
    "/v1/billing_postings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List billing postings, newest first
         * @description The aggregated charges (and credits) the ledger received for subscriptions: one per period, whatever the number of usage events behind it. Of one subscription with subscription_id; visible to whoever sees the subscription.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    starting_after?: string;
                    subscription_id?: string;
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
                                /** @description What was posted before rounding: flat fee and usage (negative for a credit). */
                                amount_exact: string;
                                created: number;
                                currency: string;
                                decline_code: string | null;
                                id: string;
                                invoice_id: string | null;
                                /** @enum {string} */
                                kind: "opening" | "period" | "credit";
                                merchant_id: string;
                                /** @description Minor units; negative for a credit. */
                                net_amount: number;
                                /** @enum {string} */
                                object: "billing_posting";
                                /** @description The payment that moved the money (in reserve mode, the period's first hold). */
                                payment_id: string | null;
                                period: {
                                    end: number;
                                    number: number;
                                    start: number;
                                };
                                quantities: {
                                    /** @description The usage charge of this meter, before rounding. */
                                    amount: string;
                                    /** @description An integer; a digit string above 2^53 − 1. */
                                    billed_quantity: number | string;
                                    /** @description An integer; a digit string above 2^53 − 1. */
                                    event_count: number | string;
                                    /** @description An integer; a digit string above 2^53 − 1. */
                                    included_quantity: number | string;
                                    meter_id: string;
                                    /** @description The period's confirmed quantity. */
                                    quantity: number | string;
                                }[];
                                refund_id: string | null;
                                /** @description The residual carried on to the next posting. */
                                residual_after: string;
                                /** @description The rounding residual carried in from the previous posting. */
                                residual_before: string;
                                /** @enum {string} */
                                status: "reserving" | "open" | "closed" | "billing" | "requires_confirmation" | "settled" | "uncollectible" | "void";
                                subscription_id: string;
                                tax_amount: number;
                                /** @description net + tax: what the payment moved (or the refund returned, negative). */
                                total_amount: number;
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing_postings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a billing posting
         * @description What one aggregated posting billed: per meter quantities and charges, the exact amount before rounding, the residual carried in and out, net, tax and total, and the payment, refund and invoice behind it. The payment's order_reference is this posting's id; GET /v1/billing_postings/{id}/events lists the usage events it billed.
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
                            /** @description What was posted before rounding: flat fee and usage (negative for a credit). */
                            amount_exact: string;
                            created: number;
                            currency: string;
                            decline_code: string | null;
                            id: string;
                            invoice_id: string | null;
                            /** @enum {string} */
                            kind: "opening" | "period" | "credit";
                            merchant_id: string;
                            /** @description Minor units; negative for a credit. */
                            net_amount: number;
                            /** @enum {string} */
                            object: "billing_posting";
                            /** @description The payment that moved the money (in reserve mode, the period's first hold). */
                            payment_id: string | null;
                            period: {
                                end: number;
                                number: number;
                                start: number;
                            };
                            quantities: {
                                /** @description The usage charge of this meter, before rounding. */
                                amount: string;
                                /** @description An integer; a digit string above 2^53 − 1. */
                                billed_quantity: number | string;
                                /** @description An integer; a digit string above 2^53 − 1. */
                                event_count: number | string;
                                /** @description An integer; a digit string above 2^53 − 1. */
                                included_quantity: number | string;
                                meter_id: string;
                                /** @description The period's confirmed quantity. */
                                quantity: number | string;
                            }[];
                            refund_id: string | null;
                            /** @description The residual carried on to the next posting. */
                            residual_after: string;
                            /** @description The rounding residual carried in from the previous posting. */
                            residual_before: string;
                            /** @enum {string} */
                            status: "reserving" | "open" | "closed" | "billing" | "requires_confirmation" | "settled" | "uncollectible" | "void";
                            subscription_id: string;
                            tax_amount: number;
                            /** @description net + tax: what the payment moved (or the refund returned, negative). */
                            total_amount: number;
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
    "/v1/billing_postings/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the usage events behind a billing posting
         * @description The drill-down from an aggregated posting to the events it billed: its period's events in event-id order (pending and reversed ones included, with their status). An opening posting bills a fee only and lists none.
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
                                /** @description The values of the meter's group-by keys, in order. */
                                group_key: (string | null)[];
                                id: string;
                                /** @description Unix seconds, fractional to the millisecond. */
                                ingested: number;
                                meter_id: string;
                                /** @enum {string} */
                                object: "usage_event";
                                /** @description The period the event counts in (a late confirmation counts in the period it was confirmed in). */
                                period_start: number;
                                properties: {
                                    [key: string]: unknown;
                                };
                                /** @description An integer in the meter's units; a digit string above 2^53 − 1. */
                                quantity: number | string;
                                /** @enum {string} */
                                status: "pending" | "confirmed" | "reversed";
                                subscription_id: string;
                                /** @description Unix seconds, fractional to the millisecond. */
                                timestamp: number;
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
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invoices and credit notes, newest first
         * @description A merchant sees the invoices it issued, a user those addressed to them, an agent those of the subscriptions it created; finance, support and admin operators all. Filter by subscription, status or type.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description The last invoice id of the previous page. */
                    starting_after?: string;
                    status?: "open" | "paid" | "uncollectible" | "void";
                    subscription_id?: string;
                    type?: "invoice" | "credit_note";
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
                                buyer: {
                                    /** @description ISO 3166-1 alpha-2. */
                                    country: string | null;
                                    name: string;
                                    /** @description VAT identifier (BT-31 / BT-48). */
                                    vat_id: string | null;
                                };
                                created: number;
                                currency: string;
                                id: string;
                                issued: number;
                                lines: {
                                    /** @description The line's net amount in minor units; lines add up to `subtotal`. */
                                    amount: number;
                                    description: string;
                                    meter_id: string | null;
                                    /** @description Decimal, in the meter's units. */
                                    quantity: string;
                                    /** @description UN/ECE Rec. 20 unit code, C62 for plain units. */
                                    unit_code: string;
                                    /** @description Price of one unit in major units, with up to 6 more decimals than the currency; null for tiered or package prices. */
                                    unit_price: string | null;
                                }[];
                                merchant_id: string;
                                note: string | null;
                                /** @description Sequential per merchant, no gaps: <prefix>-<sequence>. */
                                number: string;
                                /** @enum {string} */
                                object: "invoice";
                                payment_id: string | null;
                                /** @description Exclusive end of the billed period. */
                                period_end: number | null;
                                period_start: number | null;
                                posting_id: string | null;
                                /** @description For a credit note: the invoice it corrects. */
                                preceding_invoice_id: string | null;
                                preceding_invoice_number: string | null;
                                reverse_charge: boolean;
                                seller: {
                                    /** @description ISO 3166-1 alpha-2. */
                                    country: string | null;
                                    name: string;
                                    /** @description VAT identifier (BT-31 / BT-48). */
                                    vat_id: string | null;
                                };
                                /** @enum {string} */
                                status: "open" | "paid" | "uncollectible" | "void";
                                subscription_id: string | null;
                                /** @description Minor units. */
                                subtotal: number;
                                /** @description Minor units. */
                                tax: number;
                                tax_lines: {
                                    /**
                                     * @description S standard rate, Z zero rated, O not subject to VAT, AE reverse charge.
                                     * @enum {string}
                                     */
                                    category: "S" | "Z" | "O" | "AE";
                                    /** @description The mandatory mention for AE and O (BT-120). */
                                    exemption_reason: string | null;
                                    /** @description VATEX code (BT-121). */
                                    exemption_reason_code: string | null;
                                    /** @description Basis points; null for O. */
                                    rate_bps: number | null;
                                    /** @description Minor units. */
                                    tax_amount: number;
                                    /** @description Minor units. */
                                    taxable_amount: number;
                                }[];
                                /** @description Minor units. */
                                total: number;
                                /** @enum {string} */
                                type: "invoice" | "credit_note";
                                /**
                                 * @description UNTDID 1001: 380 commercial invoice, 381 credit note.
                                 * @enum {string}
                                 */
                                type_code: "380" | "381";
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an invoice or credit note
         * @description Its merchant, its user, the agent whose subscription it bills, and operators; anyone else gets 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invoice's id (in_…). */
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
                            buyer: {
                                /** @description ISO 3166-1 alpha-2. */
                                country: string | null;
                                name: string;
                                /** @description VAT identifier (BT-31 / BT-48). */
                                vat_id: string | null;
                            };
                            created: number;
                            currency: string;
                            id: string;
                            issued: number;
                            lines: {
                                /** @description The line's net amount in minor units; lines add up to `subtotal`. */
                                amount: number;
                                description: string;
                                meter_id: string | null;
                                /** @description Decimal, in the meter's units. */
                                quantity: string;
                                /** @description UN/ECE Rec. 20 unit code, C62 for plain units. */
                                unit_code: string;
                                /** @description Price of one unit in major units, with up to 6 more decimals than the currency; null for tiered or package prices. */
                                unit_price: string | null;
                            }[];
                            merchant_id: string;
                            note: string | null;
                            /** @description Sequential per merchant, no gaps: <prefix>-<sequence>. */
                            number: string;
                            /** @enum {string} */
                            object: "invoice";
                            payment_id: string | null;
                            /** @description Exclusive end of the billed period. */
                            period_end: number | null;
                            period_start: number | null;
                            posting_id: string | null;
                            /** @description For a credit note: the invoice it corrects. */
                            preceding_invoice_id: string | null;
                            preceding_invoice_number: string | null;
                            reverse_charge: boolean;
                            seller: {
                                /** @description ISO 3166-1 alpha-2. */
                                country: string | null;
                                name: string;
                                /** @description VAT identifier (BT-31 / BT-48). */
                                vat_id: string | null;
                            };
                            /** @enum {string} */
                            status: "open" | "paid" | "uncollectible" | "void";
                            subscription_id: string | null;
                            /** @description Minor units. */
                            subtotal: number;
                            /** @description Minor units. */
                            tax: number;
                            tax_lines: {
                                /**
                                 * @description S standard rate, Z zero rated, O not subject to VAT, AE reverse charge.
                                 * @enum {string}
                                 */
                                category: "S" | "Z" | "O" | "AE";
                                /** @description The mandatory mention for AE and O (BT-120). */
                                exemption_reason: string | null;
                                /** @description VATEX code (BT-121). */
                                exemption_reason_code: string | null;
                                /** @description Basis points; null for O. */
                                rate_bps: number | null;
                                /** @description Minor units. */
                                tax_amount: number;
                                /** @description Minor units. */
                                taxable_amount: number;
                            }[];
                            /** @description Minor units. */
                            total: number;
                            /** @enum {string} */
                            type: "invoice" | "credit_note";
                            /**
                             * @description UNTDID 1001: 380 commercial invoice, 381 credit note.
                             * @enum {string}
                             */
                            type_code: "380" | "381";
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
    "/v1/invoices/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice as PDF
         * @description `application/pdf`: the printable invoice or credit note. Same access as retrieving the invoice.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invoice's id (in_…). */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The PDF document. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
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
    "/v1/invoices/{id}/ubl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invoice as UBL 2.1 XML (EN 16931)
         * @description `application/xml`: a UBL Invoice (380) or CreditNote (381) with the EN 16931 core business terms, for e-invoicing and ERP import. Same access as retrieving the invoice.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The invoice's id (in_…). */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The UBL 2.1 Invoice or CreditNote. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/xml": string;
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
                                    /** @description What is left of today's tip cap across recipients (null: no tips). */
                                    tip_day: number | null;
                                    total: number | null;
                                    week: number | null;
                                };
                                /** @enum {string} */
                                status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                                step_up_threshold: number | null;
                                timezone: string;
                                /** @description The user's tip caps per day of their time zone; null: this mandate allows no tips. */
                                tips: {
                                    day_max: number;
                                    per_recipient_day_max: number;
                                } | null;
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
                        /** @description Allows tips (POST /v1/tips, MCP send_tip) under this mandate, capped per recipient per day and per day overall (minor units). Without it the mandate allows no tips. Tips also count against every other budget of the mandate. */
                        tips?: {
                            /** @description Most the agent may tip in all, across recipients, in a day of the user's time zone. */
                            day_max: number;
                            /** @description Most the agent may tip one recipient (merchant) in a day of the user's time zone. */
                            per_recipient_day_max: number;
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
                                /** @description What is left of today's tip cap across recipients (null: no tips). */
                                tip_day: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description The user's tip caps per day of their time zone; null: this mandate allows no tips. */
                            tips: {
                                day_max: number;
                                per_recipient_day_max: number;
                            } | null;
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
                                /** @description What is left of today's tip cap across recipients (null: no tips). */
                                tip_day: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description The user's tip caps per day of their time zone; null: this mandate allows no tips. */
                            tips: {
                                day_max: number;
                                per_recipient_day_max: number;
                            } | null;
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
                                /** @description What is left of today's tip cap across recipients (null: no tips). */
                                tip_day: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description The user's tip caps per day of their time zone; null: this mandate allows no tips. */
                            tips: {
                                day_max: number;
                                per_recipient_day_max: number;
                            } | null;
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
                                /** @description What is left of today's tip cap across recipients (null: no tips). */
                                tip_day: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description The user's tip caps per day of their time zone; null: this mandate allows no tips. */
                            tips: {
                                day_max: number;
                                per_recipient_day_max: number;
                            } | null;
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
                                /** @description What is left of today's tip cap across recipients (null: no tips). */
                                tip_day: number | null;
                                total: number | null;
                                week: number | null;
                            };
                            /** @enum {string} */
                            status: "active" | "paused" | "revoked" | "expired" | "exhausted";
                            step_up_threshold: number | null;
                            timezone: string;
                            /** @description The user's tip caps per day of their time zone; null: this mandate allows no tips. */
                            tips: {
                                day_max: number;
                                per_recipient_day_max: number;
                            } | null;
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
                                /** @description Invoice number prefix; null = derived from the merchant id. */
                                invoice_prefix: string | null;
                                legal_name: string;
                                metadata: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                object: "merchant";
                                /** @enum {string} */
                                status: "active" | "suspended";
                                tax_id: string | null;
                                /** @description VAT rate on invoices in basis points; null = not subject to VAT. */
                                tax_rate_bps: number | null;
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
                        invoice_prefix?: string | null;
                        legal_name: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        tax_id?: string;
                        tax_rate_bps?: number | null;
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
                            /** @description Invoice number prefix; null = derived from the merchant id. */
                            invoice_prefix: string | null;
                            legal_name: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "merchant";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            tax_id: string | null;
                            /** @description VAT rate on invoices in basis points; null = not subject to VAT. */
                            tax_rate_bps: number | null;
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
                            /** @description Invoice number prefix; null = derived from the merchant id. */
                            invoice_prefix: string | null;
                            legal_name: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "merchant";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            tax_id: string | null;
                            /** @description VAT rate on invoices in basis points; null = not subject to VAT. */
                            tax_rate_bps: number | null;
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
                        invoice_prefix?: string | null;
                        legal_name?: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @enum {string} */
                        status?: "active" | "suspended";
                        tax_id?: string | null;
                        tax_rate_bps?: number | null;
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
                            /** @description Invoice number prefix; null = derived from the merchant id. */
                            invoice_prefix: string | null;
                            legal_name: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            object: "merchant";
                            /** @enum {string} */
                            status: "active" | "suspended";
                            tax_id: string | null;
                            /** @description VAT rate on invoices in basis points; null = not subject to VAT. */
                            tax_rate_bps: number | null;
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
    "/v1/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List meters, newest first
         * @description A merchant lists its own meters; operators any merchant's (`merchant_id` narrows).
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    merchant_id?: string;
                    starting_after?: string;
                    status?: "active" | "archived";
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
                                aggregation: string;
                                created: number;
                                dispute_window_s: number | null;
                                event_type: string;
                                group_by: string[];
                                id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                };
                                name: string;
                                /** @enum {string} */
                                object: "meter";
                                outcome_based: boolean;
                                /** @enum {string} */
                                status: "active" | "archived";
                                updated: number;
                                value_property: string | null;
                                value_scale_digits: number;
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
         * Create a meter
         * @description A meter turns usage events of one `event_type` into a quantity per subscription and period: `count` events, `sum`, `max` or take the `latest` of a numeric `value_property` (with `value_scale_digits` decimals kept exactly), count `unique_count` distinct values, or add up `duration` (each event's `duration_ms`, or `started_at`/`ended_at`). `group_by` keys break the quantity down. Outcome-based meters (count and sum) take pending events that bill once confirmed. A merchant creates its own meters; operators name the merchant. 409 if the event type is taken.
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
                        /** @enum {string} */
                        aggregation: "count" | "sum" | "max" | "unique_count" | "latest" | "duration";
                        /**
                         * @description How long after its timestamp a confirmed event may still be reversed (seconds); null: never. count, sum and duration meters only.
                         * @default null
                         */
                        dispute_window_s?: number | null;
                        /** @description What usage events of this meter carry in `type`, e.g. api_call or ticket.resolved. Unique per merchant. */
                        event_type: string;
                        /** @default [] */
                        group_by?: string[];
                        /** @description Operators only: the merchant the meter belongs to. A merchant's meters are its own. */
                        merchant_id?: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description A label for people: "API calls". */
                        name: string;
                        /**
                         * @description Outcome-based units (a resolved ticket): events arrive pending unless sent confirmed, and only confirmed ones bill. count and sum meters only.
                         * @default false
                         */
                        outcome_based?: boolean;
                        /** @default null */
                        value_property?: string | null;
                        /** @default 0 */
                        value_scale_digits?: number;
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
                            aggregation: string;
                            created: number;
                            dispute_window_s: number | null;
                            event_type: string;
                            group_by: string[];
                            id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            name: string;
                            /** @enum {string} */
                            object: "meter";
                            outcome_based: boolean;
                            /** @enum {string} */
                            status: "active" | "archived";
                            updated: number;
                            value_property: string | null;
                            value_scale_digits: number;
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
    "/v1/meters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a meter
         * @description Its merchant and operators; anyone else gets 404.
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
                            aggregation: string;
                            created: number;
                            dispute_window_s: number | null;
                            event_type: string;
                            group_by: string[];
                            id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            name: string;
                            /** @enum {string} */
                            object: "meter";
                            outcome_based: boolean;
                            /** @enum {string} */
                            status: "active" | "archived";
                            updated: number;
                            value_property: string | null;
                            value_scale_digits: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Rename, archive or reactivate a meter
         * @description Changes `name`, `status` and `metadata` only: what a meter counts is fixed once usage may have been billed on it. An archived meter's events are refused with `meter_archived`.
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
            /** @description Only the name, status and metadata change: what a meter counts is fixed once usage may have been billed on it. */
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        name?: string;
                        /**
                         * @description archived: events of its type are refused (meter_archived); active again takes them.
                         * @enum {string}
                         */
                        status?: "active" | "archived";
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
                            aggregation: string;
                            created: number;
                            dispute_window_s: number | null;
                            event_type: string;
                            group_by: string[];
                            id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            };
                            name: string;
                            /** @enum {string} */
                            object: "meter";
                            outcome_based: boolean;
                            /** @enum {string} */
                            status: "active" | "archived";
                            updated: number;
                            value_property: string | null;
                            value_scale_digits: number;
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
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                    /** @description Only payments of this purpose; `tip` lists tips (a merchant's: those it received). */
                    purpose?: "purchase" | "subscription" | "subscription_top_up" | "tip";
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
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
    "/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List plans, newest first
         * @description A merchant lists its own plans; agents and users the active plans (of one merchant with merchant_id); operators all.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    merchant_id?: string;
                    starting_after?: string;
                    status?: "active" | "archived";
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
                                /** @enum {string} */
                                billing_anchor: "anniversary" | "calendar";
                                charges: {
                                    /**
                                     * @description Units per period included in the plan (billed at nothing).
                                     * @default 0
                                     */
                                    included_quantity: number | string;
                                    /**
                                     * @description Units per period past which usage is refused with `usage_limit_reached` (a hard stop); null for none.
                                     * @default null
                                     */
                                    limit_quantity: (number | string) | null;
                                    meter_id: string;
                                    price: {
                                        /** @enum {string} */
                                        model: "per_unit";
                                        /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                        unit_price: string;
                                    } | {
                                        /** @enum {string} */
                                        model: "package";
                                        /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                        package_price: string;
                                        /** @description A positive integer in the meter's quantity units; a digit string above 2^53 − 1. */
                                        package_size: number | string;
                                        /**
                                         * @description Bill a started package (up) or only complete ones (down).
                                         * @default up
                                         * @enum {string}
                                         */
                                        round: "up" | "down";
                                    } | {
                                        /** @enum {string} */
                                        model: "graduated";
                                        tiers: {
                                            /**
                                             * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                             * @default 0
                                             */
                                            flat_fee: string;
                                            /**
                                             * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                             * @default 0
                                             */
                                            unit_price: string;
                                            /** @description Inclusive upper bound; null on the last tier. */
                                            up_to: (number | string) | null;
                                        }[];
                                    } | {
                                        /** @enum {string} */
                                        model: "volume";
                                        tiers: {
                                            /**
                                             * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                             * @default 0
                                             */
                                            flat_fee: string;
                                            /**
                                             * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                             * @default 0
                                             */
                                            unit_price: string;
                                            /** @description Inclusive upper bound; null on the last tier. */
                                            up_to: (number | string) | null;
                                        }[];
                                    } | {
                                        /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                        amount: string;
                                        /** @enum {string} */
                                        model: "flat";
                                    } | {
                                        /** @enum {string} */
                                        model: "per_duration";
                                        /**
                                         * @description Partial units of the period's total duration: billed whole (up), free (down) or to the ms (prorate).
                                         * @default prorate
                                         * @enum {string}
                                         */
                                        round: "up" | "down" | "prorate";
                                        /** @enum {string} */
                                        unit: "second" | "minute" | "hour";
                                        /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                        unit_price: string;
                                    };
                                }[];
                                /** @enum {string} */
                                charging_mode: "reserve" | "arrears";
                                created: number;
                                currency: string;
                                description: string | null;
                                /** @description A decimal amount in major units, finer than a minor unit where it needs to be. */
                                flat_fee: string;
                                id: string;
                                /** @enum {string} */
                                interval: "day" | "week" | "month" | "year";
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                name: string;
                                /** @enum {string} */
                                object: "plan";
                                reservation_amount: number | null;
                                /** @enum {string} */
                                status: "active" | "archived";
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
        /**
         * Publish a plan (merchants)
         * @description A flat fee per period and usage charges on your active meters (price, units included per period, hard limit). Currency, interval and charges never change once created; agents subscribe their users to active plans under a mandate that recurs at the plan's interval.
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
                        /**
                         * @description Subscriptions' default: periods from the moment of subscribing, or aligned to the calendar (first period prorated).
                         * @default anniversary
                         * @enum {string}
                         */
                        billing_anchor?: "anniversary" | "calendar";
                        /**
                         * @description Usage charges, at most one per meter.
                         * @default []
                         */
                        charges?: {
                            /**
                             * @description Units per period included in the plan (billed at nothing).
                             * @default 0
                             */
                            included_quantity?: number | string;
                            /**
                             * @description Units per period past which usage is refused with `usage_limit_reached` (a hard stop); null for none.
                             * @default null
                             */
                            limit_quantity?: (number | string) | null;
                            meter_id: string;
                            price: {
                                /** @enum {string} */
                                model: "per_unit";
                                /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                unit_price: string;
                            } | {
                                /** @enum {string} */
                                model: "package";
                                /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                package_price: string;
                                /** @description A positive integer in the meter's quantity units; a digit string above 2^53 − 1. */
                                package_size: number | string;
                                /**
                                 * @description Bill a started package (up) or only complete ones (down).
                                 * @default up
                                 * @enum {string}
                                 */
                                round?: "up" | "down";
                            } | {
                                /** @enum {string} */
                                model: "graduated";
                                tiers: {
                                    /**
                                     * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                     * @default 0
                                     */
                                    flat_fee?: string;
                                    /**
                                     * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                     * @default 0
                                     */
                                    unit_price?: string;
                                    /** @description Inclusive upper bound; null on the last tier. */
                                    up_to: (number | string) | null;
                                }[];
                            } | {
                                /** @enum {string} */
                                model: "volume";
                                tiers: {
                                    /**
                                     * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                     * @default 0
                                     */
                                    flat_fee?: string;
                                    /**
                                     * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                     * @default 0
                                     */
                                    unit_price?: string;
                                    /** @description Inclusive upper bound; null on the last tier. */
                                    up_to: (number | string) | null;
                                }[];
                            } | {
                                /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                amount: string;
                                /** @enum {string} */
                                model: "flat";
                            } | {
                                /** @enum {string} */
                                model: "per_duration";
                                /**
                                 * @description Partial units of the period's total duration: billed whole (up), free (down) or to the ms (prorate).
                                 * @default prorate
                                 * @enum {string}
                                 */
                                round?: "up" | "down" | "prorate";
                                /** @enum {string} */
                                unit: "second" | "minute" | "hour";
                                /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                unit_price: string;
                            };
                        }[];
                        /**
                         * @description Subscriptions' default: reserve (a hold per period drawn down in real time) or arrears (charged at period end).
                         * @default arrears
                         * @enum {string}
                         */
                        charging_mode?: "reserve" | "arrears";
                        currency: string;
                        description?: string;
                        /**
                         * @description Recurring fee per period in major units, up to the currency's decimals + 6; "0" for none.
                         * @default 0
                         */
                        flat_fee?: string;
                        /**
                         * @description The billing period; a subscriber's mandate must recur at this frequency.
                         * @enum {string}
                         */
                        interval: "day" | "week" | "month" | "year";
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        name: string;
                        /** @description Reserve mode's default hold per period, in minor units: covers the flat fee, usage and tax. */
                        reservation_amount?: number;
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
                            billing_anchor: "anniversary" | "calendar";
                            charges: {
                                /**
                                 * @description Units per period included in the plan (billed at nothing).
                                 * @default 0
                                 */
                                included_quantity: number | string;
                                /**
                                 * @description Units per period past which usage is refused with `usage_limit_reached` (a hard stop); null for none.
                                 * @default null
                                 */
                                limit_quantity: (number | string) | null;
                                meter_id: string;
                                price: {
                                    /** @enum {string} */
                                    model: "per_unit";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    unit_price: string;
                                } | {
                                    /** @enum {string} */
                                    model: "package";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    package_price: string;
                                    /** @description A positive integer in the meter's quantity units; a digit string above 2^53 − 1. */
                                    package_size: number | string;
                                    /**
                                     * @description Bill a started package (up) or only complete ones (down).
                                     * @default up
                                     * @enum {string}
                                     */
                                    round: "up" | "down";
                                } | {
                                    /** @enum {string} */
                                    model: "graduated";
                                    tiers: {
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        flat_fee: string;
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        unit_price: string;
                                        /** @description Inclusive upper bound; null on the last tier. */
                                        up_to: (number | string) | null;
                                    }[];
                                } | {
                                    /** @enum {string} */
                                    model: "volume";
                                    tiers: {
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        flat_fee: string;
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        unit_price: string;
                                        /** @description Inclusive upper bound; null on the last tier. */
                                        up_to: (number | string) | null;
                                    }[];
                                } | {
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    amount: string;
                                    /** @enum {string} */
                                    model: "flat";
                                } | {
                                    /** @enum {string} */
                                    model: "per_duration";
                                    /**
                                     * @description Partial units of the period's total duration: billed whole (up), free (down) or to the ms (prorate).
                                     * @default prorate
                                     * @enum {string}
                                     */
                                    round: "up" | "down" | "prorate";
                                    /** @enum {string} */
                                    unit: "second" | "minute" | "hour";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    unit_price: string;
                                };
                            }[];
                            /** @enum {string} */
                            charging_mode: "reserve" | "arrears";
                            created: number;
                            currency: string;
                            description: string | null;
                            /** @description A decimal amount in major units, finer than a minor unit where it needs to be. */
                            flat_fee: string;
                            id: string;
                            /** @enum {string} */
                            interval: "day" | "week" | "month" | "year";
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            name: string;
                            /** @enum {string} */
                            object: "plan";
                            reservation_amount: number | null;
                            /** @enum {string} */
                            status: "active" | "archived";
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
    "/v1/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a plan
         * @description Its merchant and operators; agents and users while it is active. Anyone else gets 404.
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
                            /** @enum {string} */
                            billing_anchor: "anniversary" | "calendar";
                            charges: {
                                /**
                                 * @description Units per period included in the plan (billed at nothing).
                                 * @default 0
                                 */
                                included_quantity: number | string;
                                /**
                                 * @description Units per period past which usage is refused with `usage_limit_reached` (a hard stop); null for none.
                                 * @default null
                                 */
                                limit_quantity: (number | string) | null;
                                meter_id: string;
                                price: {
                                    /** @enum {string} */
                                    model: "per_unit";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    unit_price: string;
                                } | {
                                    /** @enum {string} */
                                    model: "package";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    package_price: string;
                                    /** @description A positive integer in the meter's quantity units; a digit string above 2^53 − 1. */
                                    package_size: number | string;
                                    /**
                                     * @description Bill a started package (up) or only complete ones (down).
                                     * @default up
                                     * @enum {string}
                                     */
                                    round: "up" | "down";
                                } | {
                                    /** @enum {string} */
                                    model: "graduated";
                                    tiers: {
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        flat_fee: string;
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        unit_price: string;
                                        /** @description Inclusive upper bound; null on the last tier. */
                                        up_to: (number | string) | null;
                                    }[];
                                } | {
                                    /** @enum {string} */
                                    model: "volume";
                                    tiers: {
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        flat_fee: string;
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        unit_price: string;
                                        /** @description Inclusive upper bound; null on the last tier. */
                                        up_to: (number | string) | null;
                                    }[];
                                } | {
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    amount: string;
                                    /** @enum {string} */
                                    model: "flat";
                                } | {
                                    /** @enum {string} */
                                    model: "per_duration";
                                    /**
                                     * @description Partial units of the period's total duration: billed whole (up), free (down) or to the ms (prorate).
                                     * @default prorate
                                     * @enum {string}
                                     */
                                    round: "up" | "down" | "prorate";
                                    /** @enum {string} */
                                    unit: "second" | "minute" | "hour";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    unit_price: string;
                                };
                            }[];
                            /** @enum {string} */
                            charging_mode: "reserve" | "arrears";
                            created: number;
                            currency: string;
                            description: string | null;
                            /** @description A decimal amount in major units, finer than a minor unit where it needs to be. */
                            flat_fee: string;
                            id: string;
                            /** @enum {string} */
                            interval: "day" | "week" | "month" | "year";
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            name: string;
                            /** @enum {string} */
                            object: "plan";
                            reservation_amount: number | null;
                            /** @enum {string} */
                            status: "active" | "archived";
                            updated: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Rename, describe or archive a plan
         * @description Only name, description and status change: a plan's charges, currency and interval are what its subscribers agreed to. An archived plan takes no new subscriptions; existing ones go on.
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
            /** @description Charges, currency and interval never change: create a new plan instead. */
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        name?: string;
                        /**
                         * @description archived: no new subscriptions; existing ones continue.
                         * @enum {string}
                         */
                        status?: "active" | "archived";
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
                            billing_anchor: "anniversary" | "calendar";
                            charges: {
                                /**
                                 * @description Units per period included in the plan (billed at nothing).
                                 * @default 0
                                 */
                                included_quantity: number | string;
                                /**
                                 * @description Units per period past which usage is refused with `usage_limit_reached` (a hard stop); null for none.
                                 * @default null
                                 */
                                limit_quantity: (number | string) | null;
                                meter_id: string;
                                price: {
                                    /** @enum {string} */
                                    model: "per_unit";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    unit_price: string;
                                } | {
                                    /** @enum {string} */
                                    model: "package";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    package_price: string;
                                    /** @description A positive integer in the meter's quantity units; a digit string above 2^53 − 1. */
                                    package_size: number | string;
                                    /**
                                     * @description Bill a started package (up) or only complete ones (down).
                                     * @default up
                                     * @enum {string}
                                     */
                                    round: "up" | "down";
                                } | {
                                    /** @enum {string} */
                                    model: "graduated";
                                    tiers: {
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        flat_fee: string;
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        unit_price: string;
                                        /** @description Inclusive upper bound; null on the last tier. */
                                        up_to: (number | string) | null;
                                    }[];
                                } | {
                                    /** @enum {string} */
                                    model: "volume";
                                    tiers: {
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        flat_fee: string;
                                        /**
                                         * @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001.
                                         * @default 0
                                         */
                                        unit_price: string;
                                        /** @description Inclusive upper bound; null on the last tier. */
                                        up_to: (number | string) | null;
                                    }[];
                                } | {
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    amount: string;
                                    /** @enum {string} */
                                    model: "flat";
                                } | {
                                    /** @enum {string} */
                                    model: "per_duration";
                                    /**
                                     * @description Partial units of the period's total duration: billed whole (up), free (down) or to the ms (prorate).
                                     * @default prorate
                                     * @enum {string}
                                     */
                                    round: "up" | "down" | "prorate";
                                    /** @enum {string} */
                                    unit: "second" | "minute" | "hour";
                                    /** @description A price in major units, up to the currency's decimals + 6: "0.0001" with CNY is ¥0.0001. */
                                    unit_price: string;
                                };
                            }[];
                            /** @enum {string} */
                            charging_mode: "reserve" | "arrears";
                            created: number;
                            currency: string;
                            description: string | null;
                            /** @description A decimal amount in major units, finer than a minor unit where it needs to be. */
                            flat_fee: string;
                            id: string;
                            /** @enum {string} */
                            interval: "day" | "week" | "month" | "year";
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            name: string;
                            /** @enum {string} */
                            object: "plan";
                            reservation_amount: number | null;
                            /** @enum {string} */
                            status: "active" | "archived";
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
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List subscriptions, newest first
         * @description An agent sees the subscriptions it made, a user theirs, a merchant those to its plans; operators all.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    plan_id?: string;
                    starting_after?: string;
                    status?: "incomplete" | "active" | "past_due" | "canceled";
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
                                /** @enum {string} */
                                billing_anchor: "anniversary" | "calendar";
                                buyer: {
                                    country: string | null;
                                    name: string;
                                    vat_id: string | null;
                                } | null;
                                cancel_at_period_end: boolean;
                                /** @description Who canceled (requested_by_…), or the decline code of the refused renewal. */
                                cancel_reason: string | null;
                                canceled_at: number | null;
                                /** @enum {string} */
                                charging_mode: "reserve" | "arrears";
                                created: number;
                                currency: string;
                                current_period: {
                                    end: number;
                                    number: number;
                                    start: number;
                                };
                                ended_at: number | null;
                                id: string;
                                intent: {
                                    id: string;
                                    instruction_hash: string | null;
                                };
                                mandate_id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                /** @enum {string} */
                                object: "subscription";
                                /** @description A payment that waits for the user's confirmation before the subscription can go on. */
                                pending_payment_id: string | null;
                                plan_id: string;
                                reservation: {
                                    /** @description The hold placed each period (minor units). */
                                    amount: number;
                                    /** @description Net usage this period's holds cover, after the flat fee and with tax and rounding reserved. */
                                    usage_budget: string;
                                    /** @description Net usage drawn from it so far; usage past the budget is refused. */
                                    usage_consumed: string;
                                } | null;
                                /** @enum {string} */
                                status: "incomplete" | "active" | "past_due" | "canceled";
                                timezone: string;
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
         * Subscribe the user to a plan (agents)
         * @description A recurring commitment under one of your mandates: the mandate must recur at the plan's interval and allow its merchant and currency; every period's charge is a payment under it (window, budgets, one payment per period, max occurrences), and a renewal it refuses ends the subscription. Arrears mode charges the first flat fee now and each period's usage with the next fee at the period's end; reserve mode places a hold of reservation_amount per period, which usage draws down in real time. Requires an `Idempotency-Key`. Answers `active`, or `incomplete` while the first payment waits for the user's confirmation (pending_payment_id); a refused first payment answers 402 with its decline_code.
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
                        /**
                         * @description The plan's by default.
                         * @enum {string}
                         */
                        billing_anchor?: "anniversary" | "calendar";
                        /** @description The business invoices are made out to (B2B); the user when absent. */
                        buyer?: {
                            /** @example CN */
                            country: string;
                            name: string;
                            vat_id?: string;
                        };
                        /**
                         * @description The plan's by default.
                         * @enum {string}
                         */
                        charging_mode?: "reserve" | "arrears";
                        /** @description The user intent behind the subscription: every period's charge links back to it. */
                        intent: {
                            /**
                             * Format: date-time
                             * @description When the user gave the instruction.
                             */
                            given_at?: string;
                            /** @description The id of the user instruction this subscription serves. */
                            id: string;
                            /** @description The user's words; stored as a hash. */
                            instruction?: string;
                            /** @description sha256 hex of the user's words. */
                            instruction_hash?: string;
                        };
                        /** @description The user's recurring mandate: it must recur at the plan's interval and allow its merchant and currency. */
                        mandate_id: string;
                        /** @description Your own key-value pairs (strings). On update, replaces the whole object. */
                        metadata?: {
                            [key: string]: string;
                        };
                        plan_id: string;
                        /** @description Reserve mode: the hold per period in minor units; the plan's by default. */
                        reservation_amount?: number;
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
                            /** @enum {string} */
                            billing_anchor: "anniversary" | "calendar";
                            buyer: {
                                country: string | null;
                                name: string;
                                vat_id: string | null;
                            } | null;
                            cancel_at_period_end: boolean;
                            /** @description Who canceled (requested_by_…), or the decline code of the refused renewal. */
                            cancel_reason: string | null;
                            canceled_at: number | null;
                            /** @enum {string} */
                            charging_mode: "reserve" | "arrears";
                            created: number;
                            currency: string;
                            current_period: {
                                end: number;
                                number: number;
                                start: number;
                            };
                            ended_at: number | null;
                            id: string;
                            intent: {
                                id: string;
                                instruction_hash: string | null;
                            };
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "subscription";
                            /** @description A payment that waits for the user's confirmation before the subscription can go on. */
                            pending_payment_id: string | null;
                            plan_id: string;
                            reservation: {
                                /** @description The hold placed each period (minor units). */
                                amount: number;
                                /** @description Net usage this period's holds cover, after the flat fee and with tax and rounding reserved. */
                                usage_budget: string;
                                /** @description Net usage drawn from it so far; usage past the budget is refused. */
                                usage_consumed: string;
                            } | null;
                            /** @enum {string} */
                            status: "incomplete" | "active" | "past_due" | "canceled";
                            timezone: string;
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
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a subscription
         * @description Its agent, its user, its merchant and operators; anyone else gets 404.
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
                            /** @enum {string} */
                            billing_anchor: "anniversary" | "calendar";
                            buyer: {
                                country: string | null;
                                name: string;
                                vat_id: string | null;
                            } | null;
                            cancel_at_period_end: boolean;
                            /** @description Who canceled (requested_by_…), or the decline code of the refused renewal. */
                            cancel_reason: string | null;
                            canceled_at: number | null;
                            /** @enum {string} */
                            charging_mode: "reserve" | "arrears";
                            created: number;
                            currency: string;
                            current_period: {
                                end: number;
                                number: number;
                                start: number;
                            };
                            ended_at: number | null;
                            id: string;
                            intent: {
                                id: string;
                                instruction_hash: string | null;
                            };
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "subscription";
                            /** @description A payment that waits for the user's confirmation before the subscription can go on. */
                            pending_payment_id: string | null;
                            plan_id: string;
                            reservation: {
                                /** @description The hold placed each period (minor units). */
                                amount: number;
                                /** @description Net usage this period's holds cover, after the flat fee and with tax and rounding reserved. */
                                usage_budget: string;
                                /** @description Net usage drawn from it so far; usage past the budget is refused. */
                                usage_consumed: string;
                            } | null;
                            /** @enum {string} */
                            status: "incomplete" | "active" | "past_due" | "canceled";
                            timezone: string;
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
    "/v1/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a subscription
         * @description By its agent, its user, its merchant or an admin operator. at_period_end true: the period already paid for runs out and no renewal happens. Otherwise it ends now and no further usage is accepted; what was used is still billed (reserve mode at once from the holds, the rest released; arrears mode at the period's original end). The flat fee is per started period and is not refunded. Cancelling a canceled subscription answers it as it is.
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
                        /**
                         * @description true: runs to the end of the period already paid for, then ends; false: ends now (final usage is still billed).
                         * @default false
                         */
                        at_period_end?: boolean;
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
                            /** @enum {string} */
                            billing_anchor: "anniversary" | "calendar";
                            buyer: {
                                country: string | null;
                                name: string;
                                vat_id: string | null;
                            } | null;
                            cancel_at_period_end: boolean;
                            /** @description Who canceled (requested_by_…), or the decline code of the refused renewal. */
                            cancel_reason: string | null;
                            canceled_at: number | null;
                            /** @enum {string} */
                            charging_mode: "reserve" | "arrears";
                            created: number;
                            currency: string;
                            current_period: {
                                end: number;
                                number: number;
                                start: number;
                            };
                            ended_at: number | null;
                            id: string;
                            intent: {
                                id: string;
                                instruction_hash: string | null;
                            };
                            mandate_id: string;
                            merchant_id: string;
                            metadata: {
                                [key: string]: string;
                            } | null;
                            /** @enum {string} */
                            object: "subscription";
                            /** @description A payment that waits for the user's confirmation before the subscription can go on. */
                            pending_payment_id: string | null;
                            plan_id: string;
                            reservation: {
                                /** @description The hold placed each period (minor units). */
                                amount: number;
                                /** @description Net usage this period's holds cover, after the flat fee and with tax and rounding reserved. */
                                usage_budget: string;
                                /** @description Net usage drawn from it so far; usage past the budget is refused. */
                                usage_consumed: string;
                            } | null;
                            /** @enum {string} */
                            status: "incomplete" | "active" | "past_due" | "canceled";
                            timezone: string;
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
    "/v1/subscriptions/{id}/reservation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Top up a reservation (reserve mode)
         * @description Places a further hold of `amount` on the user's wallet under the subscription's mandate (every budget and step-up apply, no recurrence slot is taken) and raises the period's usage budget once it is live. What the period does not use is released at its settlement. Requires an `Idempotency-Key`. A hold waiting for the user's confirmation raises the budget when approved; a refused one answers 402 with its decline_code.
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
                        /** @description Minor units to add to this period's reservation (a further hold on the user's wallet). */
                        amount: number;
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
                            object: "reservation_top_up";
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
                                decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
                            subscription: {
                                agent_id: string;
                                /** @enum {string} */
                                billing_anchor: "anniversary" | "calendar";
                                buyer: {
                                    country: string | null;
                                    name: string;
                                    vat_id: string | null;
                                } | null;
                                cancel_at_period_end: boolean;
                                /** @description Who canceled (requested_by_…), or the decline code of the refused renewal. */
                                cancel_reason: string | null;
                                canceled_at: number | null;
                                /** @enum {string} */
                                charging_mode: "reserve" | "arrears";
                                created: number;
                                currency: string;
                                current_period: {
                                    end: number;
                                    number: number;
                                    start: number;
                                };
                                ended_at: number | null;
                                id: string;
                                intent: {
                                    id: string;
                                    instruction_hash: string | null;
                                };
                                mandate_id: string;
                                merchant_id: string;
                                metadata: {
                                    [key: string]: string;
                                } | null;
                                /** @enum {string} */
                                object: "subscription";
                                /** @description A payment that waits for the user's confirmation before the subscription can go on. */
                                pending_payment_id: string | null;
                                plan_id: string;
                                reservation: {
                                    /** @description The hold placed each period (minor units). */
                                    amount: number;
                                    /** @description Net usage this period's holds cover, after the flat fee and with tax and rounding reserved. */
                                    usage_budget: string;
                                    /** @description Net usage drawn from it so far; usage past the budget is refused. */
                                    usage_consumed: string;
                                } | null;
                                /** @enum {string} */
                                status: "incomplete" | "active" | "past_due" | "canceled";
                                timezone: string;
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
    "/v1/subscriptions/{id}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A subscription's usage in a period
         * @description Per metered meter of the plan: confirmed quantity (what bills), pending quantity (outcomes not yet confirmed), event count, the charge so far, and the breakdown by group; in reserve mode, the reservation and what usage has drawn from it. The current period by default. Its merchant, its user, its agent and operators.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The period's start in Unix seconds, as the subscription shows it; default the current period. */
                    period_start?: number;
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
                            charging_mode: string;
                            currency: string;
                            current: boolean;
                            meters: {
                                aggregation: string;
                                /** @description The charge of the confirmed quantity under the plan (major units, before tax). */
                                amount: string;
                                /** @description An integer in the meter's units; a digit string above 2^53 − 1. */
                                event_count: number | string;
                                event_type: string;
                                groups: {
                                    /** @description An integer in the meter's units; a digit string above 2^53 − 1. */
                                    event_count: number | string;
                                    key: (string | null)[];
                                    /** @description Outcome-based meters: pending quantity, not billed unless confirmed. */
                                    pending_quantity: number | string;
                                    /** @description Confirmed quantity (what bills). */
                                    quantity: number | string;
                                }[];
                                meter_id: string;
                                name: string;
                                /** @description Outcome-based meters: pending quantity, not billed unless confirmed. */
                                pending_quantity: number | string;
                                /** @description Confirmed quantity (what bills). */
                                quantity: number | string;
                            }[];
                            /** @enum {string} */
                            object: "subscription_usage";
                            /** @description The current period's end; null for an earlier period. */
                            period_end: number | null;
                            /** @description Unix seconds, fractional to the millisecond. */
                            period_start: number;
                            /** @description Reserve mode, current period only. */
                            reservation: {
                                /** @description What usage has drawn from it, pending outcomes included. */
                                consumed: string;
                                remaining: string;
                                /** @description The period's net usage budget (major units). */
                                reserved: string;
                            } | null;
                            subscription_id: string;
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
    "/v1/tips": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tip a creator or developer under a mandate (agents)
         * @description Moves the user's money to the recipient merchant as a tip: a payment of purpose `tip`, paid in one step, with an optional message the recipient sees. The mandate must allow tips (its `tips` caps, else the decline `tips_not_allowed`); the tip must fit the mandate like any payment (status, window, payee, amount range, every budget), the user's per-recipient and per-day tip caps (`over_tip_cap_recipient`, `over_tip_cap_day`, days in the user's time zone), KYC limits and risk control. Requires an `Idempotency-Key`: a retry returns the same tip and never pays twice. Above the mandate's step-up threshold the tip waits in `requires_confirmation` for the user. A decline answers 402 with a `decline_code`. Tips are listed with `GET /v1/payments?purpose=tip`.
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
                        currency: string;
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
                        /** @description The mandate the user granted this agent; it must allow tips (its `tips` caps). */
                        mandate_id: string;
                        /** @description A note to the recipient, who sees it with the tip. It must not repeat the user's instruction. */
                        message?: string;
                        metadata?: {
                            [key: string]: string;
                        };
                        /** @description The merchant id (mer_…) of the creator or developer to tip. */
                        recipient: string;
                        /** @description What is tipped: a skill id, an article's URL or id. Stored as the payment's order_reference. */
                        reference?: string;
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
                            decline_code: ("mandate_paused" | "mandate_revoked" | "mandate_expired" | "mandate_not_yet_valid" | "mandate_exhausted" | "currency_not_allowed" | "payee_not_allowed" | "category_not_allowed" | "amount_below_range" | "amount_above_range" | "over_budget_total" | "over_budget_period" | "over_budget_session" | "recurrence_limit_reached" | "recurrence_period_used" | "tips_not_allowed" | "over_tip_cap_recipient" | "over_tip_cap_day" | "kyc_limit_exceeded" | "insufficient_funds" | "agent_suspended" | "merchant_unavailable" | "risk_blocked" | "confirmation_declined" | "confirmation_expired" | "processing_error") | null;
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
    "/v1/usage_events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a subscription's usage events
         * @description The events behind a subscription's usage (the drill-down of a billed period), in event-id order, optionally of one period. Its merchant, its user, its agent and operators.
         */
        get: {
            parameters: {
                query: {
                    limit?: number;
                    /** @description Only events counting in the period starting then (Unix seconds); all periods when absent. */
                    period_start?: number;
                    /** @description An event id: the page after it. */
                    starting_after?: string;
                    subscription_id: string;
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
                                /** @description The values of the meter's group-by keys, in order. */
                                group_key: (string | null)[];
                                id: string;
                                /** @description Unix seconds, fractional to the millisecond. */
                                ingested: number;
                                meter_id: string;
                                /** @enum {string} */
                                object: "usage_event";
                                /** @description The period the event counts in (a late confirmation counts in the period it was confirmed in). */
                                period_start: number;
                                properties: {
                                    [key: string]: unknown;
                                };
                                /** @description An integer in the meter's units; a digit string above 2^53 − 1. */
                                quantity: number | string;
                                /** @enum {string} */
                                status: "pending" | "confirmed" | "reversed";
                                subscription_id: string;
                                /** @description Unix seconds, fractional to the millisecond. */
                                timestamp: number;
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
         * Report usage events (1 to 1,000 per request)
         * @description Records metered usage for your subscriptions. Each event has your `id` (unique per subscription), the `subscription_id`, the meter's event `type`, a `timestamp` in Unix seconds (up to 3 decimals; default now) that must fall in the subscription's current period and within 35 days before and 5 minutes after now, and its `properties`. The batch is partial: every event gets a result — `accepted`, `duplicate` (an event with this id was recorded before, in this batch or days ago: it is never counted twice) or `rejected` with a reason code (period_closed, period_not_open, timestamp_out_of_range, meter_not_found, usage_limit_reached, insufficient_reservation, validation_error…) — and valid events are recorded even when others are not (`all_or_nothing: true` records none unless all are valid). No Idempotency-Key is needed: event ids make a resent batch safe. Reserve mode is a hard cap: usage the period's reservation does not cover is rejected with `insufficient_reservation`, and when that is so for every event of the batch the answer is 402 with that code — stop serving the customer.
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
                        /**
                         * @description Record nothing unless every event is accepted or a duplicate (default: valid events are recorded, the others rejected).
                         * @default false
                         */
                        all_or_nothing?: boolean;
                        /** @description 1 to 1000 events. */
                        events: {
                            /** @description Your id for this event, unique per subscription: an event with an id already recorded is a duplicate and is never counted again, however late it comes. */
                            id: string;
                            /** @description The meter's value property, group-by keys, and anything else (stored as sent; at most 4096 characters of JSON). */
                            properties?: {
                                [key: string]: unknown;
                            };
                            /**
                             * @description Outcome-based meters only: default pending (not billed until confirmed).
                             * @enum {string}
                             */
                            status?: "pending" | "confirmed";
                            /** @description The subscription (sub_…) the usage is billed to. */
                            subscription_id: string;
                            /** @description When the usage happened: Unix seconds, with up to 3 decimals for milliseconds (1718000000.125). Default: now. Must fall in the subscription's current period. */
                            timestamp?: number;
                            /** @description The event type of one of your meters. */
                            type: string;
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
                            accepted: number;
                            duplicates: number;
                            /** @description The batch's id in the audit trail; null when nothing was recorded. */
                            id: string | null;
                            /** @enum {string} */
                            object: "usage_batch";
                            rejected: number;
                            results: {
                                error?: {
                                    code: string;
                                    message: string;
                                    param?: string;
                                };
                                id: string | null;
                                index: number;
                                /** @enum {string} */
                                status: "accepted" | "duplicate" | "rejected";
                            }[];
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
    "/v1/usage_events/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm pending outcome events
         * @description Outcome-based usage (a resolved ticket) bills once confirmed. Each named pending event becomes `confirmed` (`changed`); one already confirmed is `unchanged`; a reversed or unknown one is `rejected`. A pending event of a period that has been settled counts in the current period and is billed with it (within its limits and reservation). Safe to retry.
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
                        /** @description 1 to 1000 event ids. */
                        event_ids: string[];
                        subscription_id: string;
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
                            changed: number;
                            /** @enum {string} */
                            object: "usage_outcome_batch";
                            rejected: number;
                            results: {
                                error?: {
                                    code: string;
                                    message: string;
                                    param?: string;
                                };
                                /** @description The event's status after the call; null if there is no such event. */
                                event_status: ("pending" | "confirmed" | "reversed") | null;
                                id: string;
                                /** @enum {string} */
                                status: "changed" | "unchanged" | "rejected";
                            }[];
                            subscription_id: string;
                            unchanged: number;
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
    "/v1/usage_events/reverse": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reverse usage events
         * @description Takes events back out of the bill: a pending event at any time, a confirmed one within its meter's dispute window (`dispute_window_closed` after it; `not_reversible` if the meter has none). Reversing confirmed usage of a period already settled credits the payer the difference. One already reversed is `unchanged`. Safe to retry.
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
                        /** @description 1 to 1000 event ids. */
                        event_ids: string[];
                        subscription_id: string;
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
                            changed: number;
                            /** @enum {string} */
                            object: "usage_outcome_batch";
                            rejected: number;
                            results: {
                                error?: {
                                    code: string;
                                    message: string;
                                    param?: string;
                                };
                                /** @description The event's status after the call; null if there is no such event. */
                                event_status: ("pending" | "confirmed" | "reversed") | null;
                                id: string;
                                /** @enum {string} */
                                status: "changed" | "unchanged" | "rejected";
                            }[];
                            subscription_id: string;
                            unchanged: number;
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
                        enabled_events: ("payment.requires_confirmation" | "payment.authorized" | "payment.succeeded" | "payment.captured" | "payment.canceled" | "payment.declined" | "payment.refunded" | "approval.approved" | "approval.declined" | "approval.expired" | "mandate.created" | "mandate.paused" | "mandate.resumed" | "mandate.revoked" | "topup.succeeded" | "topup.failed" | "payout.succeeded" | "payout.failed" | "subscription.created" | "subscription.activated" | "subscription.renewed" | "subscription.past_due" | "subscription.canceled" | "billing_posting.settled" | "billing_posting.uncollectible" | "invoice.created" | "*")[];
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
                        enabled_events?: ("payment.requires_confirmation" | "payment.authorized" | "payment.succeeded" | "payment.captured" | "payment.canceled" | "payment.declined" | "payment.refunded" | "approval.approved" | "approval.declined" | "approval.expired" | "mandate.created" | "mandate.paused" | "mandate.resumed" | "mandate.revoked" | "topup.succeeded" | "topup.failed" | "payout.succeeded" | "payout.failed" | "subscription.created" | "subscription.activated" | "subscription.renewed" | "subscription.past_due" | "subscription.canceled" | "billing_posting.settled" | "billing_posting.uncollectible" | "invoice.created" | "*")[];
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
