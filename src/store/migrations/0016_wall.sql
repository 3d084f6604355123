-- The public message wall (民情回音墙, issue 12, seed 004): residents' posts, moderated before they are public,
-- answered publicly within 7 working days (core/wall_post.h); each step on a post's own log; the supervision
-- notices the deadline sweep issues for an overdue post. street_id on every table is the shard key: the street
-- of the post's region.

-- A post. The phone is for the callback only: never on the wall, never in public JSON. A hidden post is kept.
CREATE TABLE wall_posts (
  id INTEGER PRIMARY KEY,
  street_id BIGINT,
  region_id BIGINT NOT NULL REFERENCES regions(id),    -- a street, community or grid
  category_id BIGINT REFERENCES categories(id),         -- optional: the resident may not know
  content TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',                       -- personal data: moderators and the routed unit only
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'published', 'replied', 'hidden')),
  reply_due BIGINT NOT NULL,                            -- end of the 7th working day after posting
  reply_warn_at BIGINT NOT NULL,                        -- 80% of the working time to reply_due
  unit_id BIGINT REFERENCES departments(id),            -- the unit routed to answer (at publishing), if any
  published_at BIGINT,                                  -- the latest publishing
  published_by BIGINT REFERENCES users(id),
  hidden_at BIGINT,
  hidden_by BIGINT REFERENCES users(id),
  hide_reason TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',                       -- the public reply
  replied_at BIGINT,
  replied_by BIGINT REFERENCES users(id),
  reply_unit_id BIGINT REFERENCES departments(id),      -- a unit's handler answered for the unit
  reply_author_label TEXT NOT NULL DEFAULT '',          -- who answered, as the wall names them: a unit or a street office
  reply_on_time INTEGER,                                -- 1/0 once replied
  appeal_id BIGINT REFERENCES appeals(id),              -- the appeal it was turned into
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX wall_posts_state_created ON wall_posts (state, created_at);
CREATE INDEX wall_posts_street_created ON wall_posts (street_id, created_at);
CREATE INDEX wall_posts_unit_created ON wall_posts (unit_id, created_at);
CREATE INDEX wall_posts_due ON wall_posts (state, reply_due);
CREATE UNIQUE INDEX wall_posts_appeal ON wall_posts (appeal_id);

-- Every step taken on a post: who, when, what, from which state to which (staff only).
CREATE TABLE wall_post_events (
  id INTEGER PRIMARY KEY,
  wall_post_id BIGINT NOT NULL REFERENCES wall_posts(id),
  street_id BIGINT,
  at BIGINT NOT NULL,
  actor_id BIGINT REFERENCES users(id),
  actor_label TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  from_state TEXT NOT NULL DEFAULT '',
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX wall_post_events_post ON wall_post_events (wall_post_id, id);

-- Issued by the deadline sweep for a post past its reply deadline, to the unit it was routed to (or, when it
-- was routed to none, to the street office: unit_id NULL). Unique per (post, kind, deadline), as for appeals.
CREATE TABLE wall_post_notices (
  id INTEGER PRIMARY KEY,
  wall_post_id BIGINT NOT NULL REFERENCES wall_posts(id),
  street_id BIGINT,
  unit_id BIGINT REFERENCES departments(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply_overdue')),
  deadline BIGINT NOT NULL,
  issued_at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  UNIQUE (wall_post_id, kind, deadline)
);
CREATE INDEX wall_post_notices_unit ON wall_post_notices (unit_id, issued_at);
