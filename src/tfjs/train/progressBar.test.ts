import { progressBar } from './progressBar';

const p = (epoch: number, recorded: boolean) => ({ epoch, epochs: 10, logs: { loss: 0.5, acc: 0.75, val_acc: 0.7 }, recorded, elapsedMs: 1500 });

describe('progressBar', () => {
  it('progressBar(write, {tty: false}) prints one plain line per recorded epoch and at the end', () => {
    let out = '';
    const bar = progressBar((s) => (out += s), { tty: false });
    for (let e = 1; e <= 10; e++) bar.update(p(e, e === 1 || e === 5));
    bar.done();
    expect(out).toBe(
      'epoch  1/10  loss 0.5000  acc 0.750  val_acc 0.700  1.5s  (recorded)\n' +
        'epoch  5/10  loss 0.5000  acc 0.750  val_acc 0.700  1.5s  (recorded)\n' +
        'epoch 10/10  loss 0.5000  acc 0.750  val_acc 0.700  1.5s\n',
    );
  });

  it('progressBar(write, {tty: true}) redraws one line in place with a bar and ends it with a newline', () => {
    let out = '';
    const bar = progressBar((s) => (out += s), { tty: true, width: 10, intervalMs: 0 });
    bar.update(p(5, false));
    bar.update(p(10, false));
    bar.done();
    expect(out).toBe(
      '\r[#####.....] epoch  5/10  loss 0.5000  acc 0.750  val_acc 0.700  1.5s\x1b[K' +
        '\r[##########] epoch 10/10  loss 0.5000  acc 0.750  val_acc 0.700  1.5s\x1b[K\n',
    );
  });
});
