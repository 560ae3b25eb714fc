package server

import "sync"

// workQueue runs notifications one at a time, in the order they arrived, on one goroutine, and lets a
// request start only after every notification that arrived before it has been processed. Requests
// themselves run concurrently on their own goroutines, so a slow one (an STS call, an MFA wait) never
// holds up the edits and hovers queued behind it.
//
// The queue is unbounded on purpose: the connection's read loop must never block on it, or a notification
// handler that calls the client (and waits for the answer the read loop would deliver) would deadlock.
type workQueue struct {
	mu      sync.Mutex
	items   []workItem
	yielded bool          // the running notification waits for the client: requests need not wait for it
	wake    chan struct{} // capacity 1: "there may be work"
	closed  bool
	done    chan struct{} // closed when the worker has stopped
}

// workItem is either a notification to run, or a request's start signal to fire.
type workItem struct {
	run   func()
	start chan struct{}
}

func newWorkQueue() *workQueue {
	return &workQueue{wake: make(chan struct{}, 1), done: make(chan struct{})}
}

// pushNotification queues run after everything already queued.
func (q *workQueue) pushNotification(run func()) {
	q.push(workItem{run: run})
}

// pushRequest returns a channel that is closed once every item queued before it has been processed.
func (q *workQueue) pushRequest() <-chan struct{} {
	start := make(chan struct{})
	q.push(workItem{start: start})
	return start
}

func (q *workQueue) push(it workItem) {
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		return // shutting down: nobody will process it, and nobody needs to
	}
	if it.start != nil && q.yielded && len(q.items) == 0 {
		q.mu.Unlock()
		close(it.start) // only the yielded notification is ahead of this request
		return
	}
	q.items = append(q.items, it)
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// work processes items until close is called. It must run on exactly one goroutine.
func (q *workQueue) work() {
	defer close(q.done)
	for {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return
		}
		if len(q.items) == 0 {
			q.mu.Unlock()
			<-q.wake
			continue
		}
		it := q.items[0]
		q.items[0] = workItem{}
		q.items = q.items[1:]
		q.yielded = false
		q.mu.Unlock()
		if it.start != nil {
			close(it.start)
			continue
		}
		it.run()
	}
}

// yield is called by the running notification when it starts waiting for the client. The requests
// queued right behind it start now, and so do new ones until the next notification is queued: a request
// then no longer waits for that notification to finish, only for it to have started (it may see a state
// the notification has not finished changing). Later notifications still run one at a time, in order,
// after it: their order is what editing relies on.
func (q *workQueue) yield() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.yielded = true
	n := 0
	for n < len(q.items) && q.items[n].start != nil {
		close(q.items[n].start)
		q.items[n] = workItem{}
		n++
	}
	q.items = q.items[n:]
}

// close stops the worker after the item it is running; queued items are dropped.
func (q *workQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.items = nil
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}
