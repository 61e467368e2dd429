// Segment's Node.js library as a server sends with it: each call its own request (flushAt 1), so requests race.
// Usage: node early-calls.mjs <host> <writeKey> <runId>
// - user "<runId>-first": two tracks posted and answered before the identify is even made (the tracks come first);
// - user "<runId>-race": identify and two tracks made at once, in any order on the wire.
import { Analytics } from '@segment/analytics-node'

const [host, writeKey, run] = process.argv.slice(2)
const analytics = new Analytics({ writeKey, host, flushAt: 1, maxRetries: 3 })

const sent = (call) => new Promise((resolve, reject) =>
  call((err) => (err ? reject(err) : resolve())))

const first = `${run}-first`
await Promise.all([
  sent((done) => analytics.track({ userId: first, event: 'Early One', messageId: `${first}-t1` }, done)),
  sent((done) => analytics.track({ userId: first, event: 'Early Two', messageId: `${first}-t2` }, done)),
])
await sent((done) => analytics.identify({ userId: first, messageId: `${first}-i`,
  traits: { email: `${first}@example.com`, firstName: 'Early', lastName: 'Bird' } }, done))

const race = `${run}-race`
await Promise.all([
  sent((done) => analytics.identify({ userId: race, messageId: `${race}-i`,
    traits: { email: `${race}@example.com`, firstName: 'Race', lastName: 'Condition' } }, done)),
  sent((done) => analytics.track({ userId: race, event: 'Raced One', messageId: `${race}-t1` }, done)),
  sent((done) => analytics.track({ userId: race, event: 'Raced Two', messageId: `${race}-t2` }, done)),
])
await analytics.closeAndFlush()
console.log('sent')
