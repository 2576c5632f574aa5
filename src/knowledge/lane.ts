/**
 * One job at a time, in the order they were asked for (an in-process queue). A publication reads the
 * published base, builds the next snapshot and swaps it in; two of them running side by side would each
 * build from a base without the other's change, and the slower one's swap would undo the faster one's.
 */
export class Lane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    // The next job waits for this one to finish, whether it succeeded or not.
    this.tail = result.catch(() => undefined);
    return result;
  }
}
