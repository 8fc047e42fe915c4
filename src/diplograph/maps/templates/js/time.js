// ---------------------------------------------------------------- the as-of rule

// THE as-of rule over a period, diplograph.network.temporal.in_force_during, on day numbers
// (null when unknown): false if the period ends before the tie begins (or its earliest begin)
// or before both actors exist, or starts after the tie ends (or its latest end) or after
// either actor is gone; otherwise true if it meets the days the tie is surely in force (from
// its begin, else its latest begin, to its end, else its earliest end, else for ever unless
// it has a latest end or is ended), else null (unknown). ``bounds`` is null or the tie's
// [earliest begin, latest begin, earliest end, latest end] (snapshot data). A period of one
// day is the rule on that day. The browser tests hold it to Python's on the tables of cases.
function inForceDuring(begin, end, ended, existsFrom, existsUntil, first, last, bounds) {
  var b = bounds || [null, null, null, null];
  if ((existsFrom !== null && last < existsFrom) || (existsUntil !== null && first > existsUntil) ||
      (begin !== null && last < begin) || (end !== null && first > end) ||
      (b[0] !== null && last < b[0]) || (b[3] !== null && first > b[3])) {
    return false;
  }
  var begun = begin !== null ? begin : b[1];
  if (begun === null || last < begun) { return null; }
  if (end !== null) { return true; }
  if (b[2] !== null) { return first <= b[2] ? true : null; }
  if (ended || b[3] !== null) { return null; }
  return true;
}

function tieInForce(i, first, last) {
  var p = pairOfTie[i];
  return inForceDuring(P.ties.begin[i], P.ties.end[i], (P.ties.flags[i] & FLAG_ENDED) !== 0,
    P.pairs.exists_from[p], P.pairs.exists_until[p], first, last, P.ties.bounds[i]);
}

// the rule on an edge written with YYYY-MM-DD dates (for the tests and the console)
function dayOrNull(text) { return text ? dayNumber(String(text)) : null; }
api.inForceDuring = function (edge, first, last) {
  var bounds = [edge.earliest_begin, edge.latest_begin, edge.earliest_end, edge.latest_end];
  return inForceDuring(dayOrNull(edge.begin), dayOrNull(edge.end), Boolean(edge.ended),
    dayOrNull(edge.exists_from), dayOrNull(edge.exists_until), dayNumber(first), dayNumber(last),
    bounds.map(dayOrNull));
};
api.inForce = function (edge, day) { return api.inForceDuring(edge, day, day); };
