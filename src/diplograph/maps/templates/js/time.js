// ---------------------------------------------------------------- the as-of rule

// THE as-of rule over a period, diplograph.network.temporal.in_force_during, on day numbers
// (null when unknown): false if the period ends before the tie begins or before both actors
// exist, or starts after the tie ends or after either actor is gone; otherwise null (unknown)
// with no begin, true with an end, null if ended with no end date, else true. A period of one
// day is the rule on that day. The browser tests hold it to Python's on the tables of cases.
function inForceDuring(begin, end, ended, existsFrom, existsUntil, first, last) {
  if ((existsFrom !== null && last < existsFrom) || (existsUntil !== null && first > existsUntil) ||
      (begin !== null && last < begin) || (end !== null && first > end)) {
    return false;
  }
  if (begin === null) { return null; }
  if (end !== null) { return true; }
  if (ended) { return null; }
  return true;
}

function tieInForce(i, first, last) {
  var p = pairOfTie[i];
  return inForceDuring(P.ties.begin[i], P.ties.end[i], (P.ties.flags[i] & FLAG_ENDED) !== 0,
    P.pairs.exists_from[p], P.pairs.exists_until[p], first, last);
}

// the rule on an edge written with YYYY-MM-DD dates (for the tests and the console)
function dayOrNull(text) { return text ? dayNumber(String(text)) : null; }
api.inForceDuring = function (edge, first, last) {
  return inForceDuring(dayOrNull(edge.begin), dayOrNull(edge.end), Boolean(edge.ended),
    dayOrNull(edge.exists_from), dayOrNull(edge.exists_until), dayNumber(first), dayNumber(last));
};
api.inForce = function (edge, day) { return api.inForceDuring(edge, day, day); };
