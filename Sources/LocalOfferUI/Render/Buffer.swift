/// The in-memory screen: the view draws into it, tests read it, the backend draws only what changed.
public enum Color: UInt8, Sendable, Hashable {
    case none, black, red, green, yellow, blue, magenta, cyan, white
}

public struct Style: Sendable, Hashable {
    public var fg: Color = .none
    public var bg: Color = .none
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    public init(fg: Color = .none, bg: Color = .none, bold: Bool = false, reverse: Bool = false,
                underline: Bool = false, dim: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }
    public static let plain = Style()
}

public struct Cell: Sendable, Hashable {
    public var char: Character
    public var style: Style
    /// The right half of a wide character: drawn by the cell to its left.
    public var continuation: Bool
    public static let blank = Cell(char: " ", style: .plain, continuation: false)
}

public struct Point: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public var cursor: Point?
    /// The colours every cell gets unless its style sets its own (the high-contrast theme draws
    /// black on white whatever the terminal's own background).
    public let background: Style

    public init(width: Int, height: Int, background: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.background = background
        self.cells = Array(repeating: Cell(char: " ", style: background, continuation: false), count: self.width * self.height)
    }

    private func over(_ s: Style) -> Style {
        var r = s
        if r.fg == .none { r.fg = background.fg }
        if r.bg == .none { r.bg = background.bg }
        return r
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes text from (x, y), clipped at `maxX`; returns the x after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxX: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(maxX ?? width, width)
        let style = over(style)
        var cx = x
        for raw in text {
            let ch = DisplayWidth.sanitize(raw)
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if cx + w > limit { break }
            if cx >= 0 {
                clearWide(at: cx, y: y)
                cells[y * width + cx] = Cell(char: ch, style: style, continuation: false)
                if w == 2 {
                    clearWide(at: cx + 1, y: y)
                    cells[y * width + cx + 1] = Cell(char: " ", style: style, continuation: true)
                }
            }
            cx += w
        }
        return cx
    }

    /// Overwriting half of a wide character blanks the other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let i = y * width + x
        if cells[i].continuation, x > 0 { cells[i - 1] = Cell(char: " ", style: cells[i - 1].style, continuation: false) }
        if !cells[i].continuation, x + 1 < width, cells[i + 1].continuation {
            cells[i + 1] = Cell(char: " ", style: cells[i + 1].style, continuation: false)
        }
    }

    public mutating func fill(y: Int, style: Style, from x0: Int = 0, to x1: Int? = nil) {
        guard y >= 0, y < height, max(0, x0) < min(x1 ?? width, width) else { return }
        let style = over(style)
        for x in max(0, x0)..<min(x1 ?? width, width) { cells[y * width + x] = Cell(char: " ", style: style, continuation: false) }
    }

    /// The text of one row, for tests and the plain dump.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width where !self[x, y].continuation { s.append(self[x, y].char) }
        return s
    }

    public var text: String { (0..<height).map { row($0).replacingTrailingSpaces() }.joined(separator: "\n") }

    public func contains(_ s: String) -> Bool { (0..<height).contains { row($0).contains(s) } }

    /// Cells that differ from the previous frame, row by row (all of them when sizes differ).
    public func changes(from old: Buffer?) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(Int, Int, Cell)] = []
        let full = old == nil || old?.width != width || old?.height != height
        for y in 0..<height {
            for x in 0..<width {
                let c = cells[y * width + x]
                if full || old?.cells[y * width + x] != c { out.append((x, y, c)) }
            }
        }
        return out
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
