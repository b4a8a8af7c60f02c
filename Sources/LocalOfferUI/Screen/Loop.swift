import LocalOfferCore

/// What the loop needs from a terminal. The ncurses backend implements it; tests use a fake.
public protocol Backend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Draws the cells that changed and moves the hardware cursor to the focused item.
    func draw(_ buffer: Buffer, previous: Buffer?)
    /// The next input, or nil when `timeout` passes; `.key(.ctrl("d"))` at end of input.
    func nextEvent(timeout milliseconds: Int) -> Event?
    /// Seconds on a monotonic clock.
    func clock() -> Double
    /// Whether the process was asked to stop (SIGTERM, SIGHUP).
    var stopRequested: Bool { get }
    var inputEnded: Bool { get }
}

public enum Loop {
    /// Runs until quit, a stop signal, or end of input. `effects` handles saving and printing.
    public static func run(_ state: inout AppState, backend: Backend, effects: (inout AppState, Effect) -> Void = { _, _ in }) {
        var previous: Buffer?
        let (w, h) = backend.size
        state.update(.resize(width: w, height: h))
        state.now = backend.clock()
        state.lastInput = state.now
        var dirty = true
        while !state.quit && !backend.stopRequested && !backend.inputEnded {
            if dirty {
                let frame = state.view()
                backend.draw(frame, previous: previous)
                previous = frame
                dirty = false
            }
            let event = backend.nextEvent(timeout: 250)
            let before = (state.screen, state.session.profile, state.message, state.idleRemaining.map { Int($0.rounded(.up)) })
            if let event {
                if case .resize = event { previous = nil }
                let effect = state.update(event)
                if effect != .none && effect != .quit { effects(&state, effect) }
                dirty = true
            }
            let tickEffect = state.update(.tick(backend.clock()))
            if tickEffect != .none { effects(&state, tickEffect); dirty = true }
            let after = (state.screen, state.session.profile, state.message, state.idleRemaining.map { Int($0.rounded(.up)) })
            if before != after { dirty = true }
        }
    }
}
