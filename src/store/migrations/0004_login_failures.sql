-- Failed logins per account (core/login_policy.h): consecutive failures since the last success, when
-- the last one was, and until when the account is locked (an admin may lift the lock).
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_failed_login_at BIGINT;
ALTER TABLE users ADD COLUMN locked_until BIGINT;
