import LocalOfferCore

/// What the loop needs from a terminal. The ncurses backend implements it; tests use a fake.
public protocol Backend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Draws the cells that changed and moves the hardware cursor to the focused item.
    func draw(_ buffer: Buffer, previous: Buffer?)
    /// The next input, or nil when `timeout` passes (0: only input already waiting);
    /// `.key(.ctrl("d"))` at end of input.
    func nextEvent(timeout milliseconds: Int) -> Event?
    /// Seconds on a monotonic clock.
    func clock() -> Double
    /// Whether the process was asked to stop (SIGTERM, SIGHUP).
    var stopRequested: Bool { get }
    var inputEnded: Bool { get }
}

public enum Loop {
    /// At most this many waiting events are handled before a frame is drawn.
    static let maxBatch = 4096

    /// Runs until quit, a stop signal, or end of input. `effects` handles saving and printing.
    ///
    /// Every event already waiting is handled before anything is drawn, and the search runs once,
    /// on the latest query: a pasted paragraph costs one search, and Ctrl-N or a touch behind it
    /// is never queued behind searches for queries nobody will see.
    public static func run(_ state: inout AppState, backend: Backend, effects: (inout AppState, Effect) -> Void = { _, _ in }) {
        var previous: Buffer?
        let (w, h) = backend.size
        state.update(.resize(width: w, height: h))
        state.now = backend.clock()
        state.lastInput = state.now
        var dirty = true
        while !state.quit && !backend.stopRequested && !backend.inputEnded {
            if dirty {
                state.prepareFrame()
                let frame = state.view()
                backend.draw(frame, previous: previous)
                previous = frame
                dirty = false
            }
            let before = (state.screen, state.session.profile, state.message, state.idleRemaining.map { Int($0.rounded(.up)) })
            var event = backend.nextEvent(timeout: 250)
            var handled = 0
            while let e = event {
                if case .resize = e { previous = nil }
                state.now = backend.clock()
                let effect = state.handle(e)
                if effect != .none && effect != .quit { effects(&state, effect) }
                dirty = true
                handled += 1
                if state.quit || handled >= maxBatch { break }
                event = backend.nextEvent(timeout: 0)
            }
            let tickEffect = state.update(.tick(backend.clock()))
            if tickEffect != .none { effects(&state, tickEffect); dirty = true }
            let after = (state.screen, state.session.profile, state.message, state.idleRemaining.map { Int($0.rounded(.up)) })
            if before != after { dirty = true }
        }
    }
}
