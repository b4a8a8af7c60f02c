public enum Theme: String, Sendable, CaseIterable {
    case standard = "default"
    case highContrast = "high-contrast"
    case mono

    /// What every cell is drawn on: high contrast sets its own (white on black), so it reads the
    /// same on a light terminal; the others keep the terminal's own colours.
    public var background: Style {
        self == .highContrast ? Style(fg: .white, bg: .black) : .plain
    }

    /// Colour is never the only carrier of meaning: verdicts also have a symbol and words.
    public func style(_ role: Role) -> Style {
        switch (self, role) {
        case (_, .selected): return Style(bold: true, reverse: true)
        case (.mono, .title), (.mono, .heading): return Style(bold: true)
        case (.mono, .header), (.mono, .footer): return Style(reverse: true)
        case (.mono, .dim): return Style()
        case (.mono, _): return Style()
        case (.highContrast, .header), (.highContrast, .footer): return Style(fg: .black, bg: .white, bold: true)
        case (.highContrast, .title), (.highContrast, .heading): return Style(fg: .white, bold: true, underline: true)
        case (.highContrast, .eligible), (.highContrast, .notEligible), (.highContrast, .check): return Style(fg: .white, bold: true)
        case (.highContrast, .warning): return Style(fg: .black, bg: .white, bold: true)
        case (.highContrast, _): return Style(fg: .white)
        case (.standard, .header): return Style(fg: .white, bg: .blue, bold: true)
        case (.standard, .footer): return Style(fg: .black, bg: .cyan)
        case (.standard, .title): return Style(bold: true)
        case (.standard, .heading): return Style(fg: .cyan, bold: true)
        case (.standard, .eligible): return Style(fg: .green, bold: true)
        case (.standard, .notEligible): return Style(fg: .red, bold: true)
        case (.standard, .check): return Style(fg: .yellow, bold: true)
        case (.standard, .dim): return Style(dim: true)
        case (.standard, .warning): return Style(fg: .black, bg: .yellow, bold: true)
        case (.standard, .body), (.standard, .link): return Style()
        }
    }

    public enum Role: Sendable {
        case header, footer, title, heading, body, dim, selected, eligible, notEligible, check, warning, link
    }
}
