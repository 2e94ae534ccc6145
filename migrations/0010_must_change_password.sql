-- 0010: an account whose password an administrator set (a new account, a reset) must
-- change it before doing anything else (issue 13): app_user.must_change_password is 1
-- until the user changes their own password. Accounts that exist keep working as they
-- did (0).
ALTER TABLE app_user ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
