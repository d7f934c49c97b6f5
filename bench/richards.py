"""Richards benchmark for upy.

A from-scratch rendition of Martin Richards' operating-system simulation:
six tasks (idle, worker, two packet handlers, two devices) exchange
packets through a priority scheduler.  Exercises method dispatch through a
class hierarchy, attribute access, linked lists, small integer bit ops and
`is None` tests.

Usage: richards.py [ROUNDS]    (default 26)
Each round runs one full simulation and checks the classic counters
(queue_count=23246, hold_count=9297).
"""

import sys

ID_IDLE = 0
ID_WORKER = 1
ID_HANDLER_A = 2
ID_HANDLER_B = 3
ID_DEVICE_A = 4
ID_DEVICE_B = 5
NUM_TASKS = 6

KIND_DEVICE = 0
KIND_WORK = 1

BUF_LEN = 4

# Task state bits.
PENDING = 1   # a packet is waiting in the queue
WAITING = 2   # the task is waiting for a packet
HELD = 4      # the task is held (blocked) by the scheduler


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.buf = [0] * BUF_LEN

    def append_to(self, queue):
        # Append self at the end of `queue` and return the queue head.
        self.link = None
        if queue is None:
            return self
        p = queue
        nxt = p.link
        while nxt is not None:
            p = nxt
            nxt = p.link
        p.link = self
        return queue


class Task:
    """Task control block plus the task's own behaviour (run_task)."""

    def __init__(self, sched, ident, prio, queue, state):
        self.sched = sched
        self.ident = ident
        self.prio = prio
        self.queue = queue
        self.state = state
        self.next = sched.task_list
        sched.task_list = self
        sched.table[ident] = self

    def is_blocked(self):
        st = self.state
        return (st & HELD) != 0 or st == WAITING

    def enqueue(self, running, pkt):
        # Give `pkt` to this task; return the task that should run next.
        if self.queue is None:
            self.queue = pkt
            self.state |= PENDING
            if self.prio > running.prio:
                return self
        else:
            self.queue = pkt.append_to(self.queue)
        return running

    def step(self):
        if self.state == PENDING | WAITING:
            pkt = self.queue
            self.queue = pkt.link
            if self.queue is None:
                self.state = 0
            else:
                self.state = PENDING
        else:
            pkt = None
        return self.run_task(pkt)


class IdleTask(Task):
    def __init__(self, sched, ident, prio, queue, state, count):
        Task.__init__(self, sched, ident, prio, queue, state)
        self.seed = 1
        self.count = count

    def run_task(self, pkt):
        s = self.sched
        self.count -= 1
        if self.count == 0:
            return s.hold_current()
        if self.seed & 1 == 0:
            self.seed = self.seed >> 1
            return s.release(ID_DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return s.release(ID_DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, ident, prio, queue, state):
        Task.__init__(self, sched, ident, prio, queue, state)
        self.target = ID_HANDLER_A
        self.letter = 0

    def run_task(self, pkt):
        s = self.sched
        if pkt is None:
            return s.wait_current()
        if self.target == ID_HANDLER_A:
            self.target = ID_HANDLER_B
        else:
            self.target = ID_HANDLER_A
        pkt.dest = self.target
        pkt.datum = 0
        buf = pkt.buf
        for i in range(BUF_LEN):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            buf[i] = self.letter
        return s.send(pkt)


class HandlerTask(Task):
    def __init__(self, sched, ident, prio, queue, state):
        Task.__init__(self, sched, ident, prio, queue, state)
        self.work_q = None
        self.dev_q = None

    def run_task(self, pkt):
        s = self.sched
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work_q = pkt.append_to(self.work_q)
            else:
                self.dev_q = pkt.append_to(self.dev_q)
        work = self.work_q
        if work is not None:
            n = work.datum
            if n < BUF_LEN:
                dev = self.dev_q
                if dev is not None:
                    self.dev_q = dev.link
                    dev.datum = work.buf[n]
                    work.datum = n + 1
                    return s.send(dev)
            else:
                self.work_q = work.link
                return s.send(work)
        return s.wait_current()


class DeviceTask(Task):
    def __init__(self, sched, ident, prio, queue, state):
        Task.__init__(self, sched, ident, prio, queue, state)
        self.pending = None

    def run_task(self, pkt):
        s = self.sched
        if pkt is None:
            p = self.pending
            if p is None:
                return s.wait_current()
            self.pending = None
            return s.send(p)
        self.pending = pkt
        s.trace_sum += pkt.datum
        return s.hold_current()


class Scheduler:
    def __init__(self):
        self.task_list = None
        self.table = [None] * NUM_TASKS
        self.current = None
        self.current_id = 0
        self.queue_count = 0
        self.hold_count = 0
        self.trace_sum = 0

    def release(self, ident):
        t = self.table[ident]
        t.state &= ~HELD
        if t.prio > self.current.prio:
            return t
        return self.current

    def hold_current(self):
        self.hold_count += 1
        cur = self.current
        cur.state |= HELD
        return cur.next

    def wait_current(self):
        cur = self.current
        cur.state |= WAITING
        return cur

    def send(self, pkt):
        t = self.table[pkt.dest]
        self.queue_count += 1
        pkt.link = None
        pkt.dest = self.current_id
        return t.enqueue(self.current, pkt)

    def run(self):
        t = self.task_list
        while t is not None:
            if t.is_blocked():
                t = t.next
            else:
                self.current = t
                self.current_id = t.ident
                t = t.step()


def simulate(idle_count):
    s = Scheduler()
    IdleTask(s, ID_IDLE, 0, None, 0, idle_count)

    q = Packet(None, ID_WORKER, KIND_WORK)
    q = Packet(q, ID_WORKER, KIND_WORK)
    WorkerTask(s, ID_WORKER, 1000, q, PENDING | WAITING)

    q = Packet(None, ID_DEVICE_A, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_A, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_A, KIND_DEVICE)
    HandlerTask(s, ID_HANDLER_A, 2000, q, PENDING | WAITING)

    q = Packet(None, ID_DEVICE_B, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_B, KIND_DEVICE)
    q = Packet(q, ID_DEVICE_B, KIND_DEVICE)
    HandlerTask(s, ID_HANDLER_B, 3000, q, PENDING | WAITING)

    DeviceTask(s, ID_DEVICE_A, 4000, None, WAITING)
    DeviceTask(s, ID_DEVICE_B, 5000, None, WAITING)

    s.run()
    return s


def main():
    argv = getattr(sys, "argv", [])
    rounds = int(argv[1]) if len(argv) > 1 else 26
    qc = hc = ts = 0
    for _ in range(rounds):
        s = simulate(10000)
        if s.queue_count != 23246 or s.hold_count != 9297:
            raise RuntimeError("richards: wrong counters {} {}".format(s.queue_count, s.hold_count))
        qc += s.queue_count
        hc += s.hold_count
        ts += s.trace_sum
    print("richards rounds={} queue_count={} hold_count={} trace_sum={}".format(rounds, qc, hc, ts))


main()
