// Reception: capacity declarations (versioned, with history), roll-ups up the territory tree, and
// arrival notices with their state machine. Every command is one transaction (withActor), passes
// the access gate, writes the audit log where it reads or exports across organisations, and
// publishes an event in the same transaction (announced on commit only; see platform/events.ts).
//
// Decisions (issue 3):
// - Capacity is declared by organisations of kind 'municipality' (Lisbon's city council, bound to a
//   NUTS 3 region, included). Writing needs the gate's shared/write reach: the municipality's own
//   officers, and coordinators above it (a region may correct a municipality's figures).
// - A notice is announced by a national or regional authority to an organisation in its reach. Its
//   addressee answers (accept, accept in part, decline) and reports arrival; its issuer withdraws or
//   amends. "Users of the organisation" acts for it: a national coordinator cannot accept on
//   Sollentuna's behalf. A notice is visible to both parties and to everyone whose shared reach
//   covers either (the region sees notices to its municipalities).
// - Passing a notice on (region → municipality) and re-announcing a remainder are new notices with
//   parentId pointing at the original.
// - A region that receives a notice passes it on (new notices to its municipalities, parentId set)
//   and answers the original; only municipalities' answers move capacity.
// - A notice holds places of its resource type (default: emergency beds) at the addressee: from a
//   placement approval at once, otherwise from acceptance (accepting a held notice sets the hold to
//   the persons accepted, never twice); arrival turns them into occupied places, held until the
//   persons leave (depart); decline, withdrawal and expiry free them. Officers' edits cannot go
//   below what notices hold (docs/reception.md, "What occupied means").
// - Overdue: an announced notice past its deadline is 'overdue' at once (computed), and a sweep
//   (every minute, and on each worklist read) stamps escalated_at and publishes notice.escalated,
//   which reaches the region's and the state's screens and worklists through the gate. Unanswered
//   at the later of its deadline and its expected arrival, it expires (the same sweep).
// - On arrival, the accepted households a notice carries become people in the municipality's
//   People list, through the pathways service.
//
// What other modules and the routes call: capacity (service-capacity.ts) and arrival notices
// (service-notices.ts), one room each.
export * from './service-capacity.ts';
export * from './service-notices.ts';
