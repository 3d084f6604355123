-- Whether a deputy's contact was recorded before the case had any reply (issue 10's 二传手 figure, "relayed
-- only"), fixed when it is recorded. Comparing the contact's time with the first reply's could not order the two
-- when both fall within one second (times are whole seconds): the scenarios on a fast machine counted a call made
-- before the reply as made after it. Earlier contacts are marked as that comparison judged them.
ALTER TABLE deputy_contacts ADD COLUMN before_reply INTEGER NOT NULL DEFAULT 0;
UPDATE deputy_contacts SET before_reply = CASE WHEN EXISTS (
  SELECT 1 FROM replies r WHERE r.appeal_id = deputy_contacts.appeal_id AND r.created_at <= deputy_contacts.at)
  THEN 0 ELSE 1 END;
