import type { Admin } from 'kafkajs';
import { KafkaJSProtocolError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { connectAdmin } from './admin.js';

/** A kafkajs admin whose offset fetch fails `failures` times with `type` first. */
function adminFailing(type: string, failures: number) {
  let calls = 0;
  const admin = {
    connect: async () => undefined,
    fetchOffsets: async () => {
      calls++;
      if (calls <= failures)
        throw new KafkaJSProtocolError(Object.assign(new Error(type), { type, code: 14, retriable: true }));
      return [{ topic: 't', partitions: [{ partition: 0, offset: '42' }] }];
    },
  } as unknown as Admin;
  return { admin, calls: () => calls };
}

describe('the admin adapter', () => {
  it("reads a group's committed offsets once its coordinator has loaded (a fresh broker)", async () => {
    const fake = adminFailing('GROUP_LOAD_IN_PROGRESS', 2);
    const admin = await connectAdmin(fake.admin);
    expect(await admin.committedOffsets('g', ['t'])).toEqual([{ topic: 't', partition: 0, offset: 42 }]);
    expect(fake.calls()).toBe(3);
  });

  it('does not retry other errors', async () => {
    const fake = adminFailing('GROUP_AUTHORIZATION_FAILED', 1);
    const admin = await connectAdmin(fake.admin);
    await expect(admin.committedOffsets('g', ['t'])).rejects.toMatchObject({
      code: 'GROUP_AUTHORIZATION_FAILED',
    });
    expect(fake.calls()).toBe(1);
  });
});
