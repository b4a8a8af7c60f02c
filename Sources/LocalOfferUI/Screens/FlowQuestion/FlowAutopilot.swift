import LocalOfferCore

/// Answers a flow on screen through its own keys, question after question, with the first
/// answer each question accepts: for the benchmark (to reach an outcome on any content) and
/// for tests. A bounded number of steps, so a flow with a loop cannot hang it.
public enum FlowAutopilot {
    public static func answerAll(_ s: inout AppState, maxSteps: Int = 64) {
        for _ in 0..<maxSteps {
            guard case .flow(let fs) = s.screen, let q = s.flowQuestion(fs).question else { return }
            switch q.type {
            case .number:
                for c in String(q.min ?? 0) { s.update(.text(c)) }
                s.update(.key(.enter))
            case .postcode:
                for c in "TW9 1AA" { s.update(.text(c)) }
                s.update(.key(.enter))
            case .multi:
                s.update(.text(" "))
                s.update(.key(.enter))
            case .choice, .outcome:
                s.update(.key(.enter))
            }
        }
    }
}
