// Stands in for "server-only" / "client-only" under Vitest, where no bundler applies their conditions.
export {};
