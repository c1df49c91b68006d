extension Drawing {
    /// Draws a bar chart in `frame`: one bar per value, a zero axis, each
    /// bar's value above it (below it when negative) and the labels underneath.
    ///
    /// Bars of negative values hang below the zero axis and carry the class
    /// `fig-bar-negative`, others `fig-bar-positive`.
    /// - Parameters:
    ///   - values: The heights; non-finite values are drawn as zero.
    ///   - labels: One label per bar, or empty for none.
    ///   - frame: The area of the chart, labels included.
    ///   - decimals: Decimals of the value labels (fixed, so `0.50` stays `0.50`).
    ///   - highlight: Index of a bar to draw in the accent colour (`fig-bar-accent`), e.g. the true class.
    public mutating func barChart(
        values: [Double], labels: [String] = [], frame: Frame, decimals: Int = 2, highlight: Int? = nil
    ) {
        guard !values.isEmpty else { return }
        let clean = values.map { $0.isFinite ? $0 : 0 }
        let labelBand = labels.isEmpty ? 0.0 : 20.0
        let top = frame.y + 16, bottom = frame.y + frame.height - labelBand - 16
        let low = min(0, clean.min()!), high = max(0, clean.max()!)
        let span = high > low ? high - low : 1
        func y(_ value: Double) -> Double { top + (high - value) / span * (bottom - top) }
        let slot = frame.width / Double(clean.count)
        let barWidth = slot * 0.6
        let f = SVGFormat.number
        for (index, value) in clean.enumerated() {
            let centre = frame.x + slot * (Double(index) + 0.5)
            let upper = y(max(value, 0)), lower = y(min(value, 0))
            var cssClass = value < 0 ? "fig-bar fig-bar-negative" : "fig-bar fig-bar-positive"
            if index == highlight { cssClass += " fig-bar-accent" }
            append("<rect class=\"\(cssClass)\" x=\"\(f(centre - barWidth / 2))\" y=\"\(f(upper))\" width=\"\(f(barWidth))\" height=\"\(f(lower - upper))\"/>")
            let labelY = value < 0 ? lower + 9 : upper - 9
            text(SVGFormat.label(value, decimals: decimals), x: centre, y: labelY, size: 12, cssClass: "fig-text fig-value")
            if index < labels.count {
                text(labels[index], x: centre, y: frame.y + frame.height - 9, size: 12, cssClass: "fig-text fig-category")
            }
        }
        append("<line class=\"fig-axis\" x1=\"\(f(frame.x))\" y1=\"\(f(y(0)))\" x2=\"\(f(frame.x + frame.width))\" y2=\"\(f(y(0)))\"/>")
    }

    /// Draws a line plot of `ys` against `xs` in `frame`, with axes, ticks at
    /// round values (1, 2 or 5 times a power of ten) and their labels.
    ///
    /// - Parameters:
    ///   - xs: The x values, in drawing order.
    ///   - ys: The y values; points where either value is not finite are left out.
    ///   - frame: The area of the plot, tick labels included.
    ///   - xLabel: A caption under the x axis.
    ///   - yLabel: A caption above the y axis.
    ///   - yRange: The y range to show; by default the data's, widened to round ticks.
    public mutating func linePlot(
        xs: [Double], ys: [Double], frame: Frame, xLabel: String? = nil, yLabel: String? = nil,
        yRange: ClosedRange<Double>? = nil
    ) {
        let points = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard !points.isEmpty else { return }
        let xAxis = NiceAxis(low: points.map(\.0).min()!, high: points.map(\.0).max()!)
        let yAxis = NiceAxis(low: yRange?.lowerBound ?? points.map(\.1).min()!, high: yRange?.upperBound ?? points.map(\.1).max()!)
        let plot = Frame(
            x: frame.x + 44, y: frame.y + (yLabel == nil ? 8 : 28),
            width: frame.width - 52, height: frame.height - (yLabel == nil ? 8 : 28) - (xLabel == nil ? 26 : 44))
        func px(_ x: Double) -> Double { plot.x + (x - xAxis.low) / (xAxis.high - xAxis.low) * plot.width }
        func py(_ y: Double) -> Double { plot.y + plot.height - (y - yAxis.low) / (yAxis.high - yAxis.low) * plot.height }
        let f = SVGFormat.number
        let left = plot.x, right = plot.x + plot.width, top = plot.y, bottom = plot.y + plot.height

        for tick in yAxis.ticks {
            let y = py(tick)
            append("<line class=\"fig-grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(right))\" y2=\"\(f(y))\"/>")
            append("<line class=\"fig-axis\" x1=\"\(f(left - 4))\" y1=\"\(f(y))\" x2=\"\(f(left))\" y2=\"\(f(y))\"/>")
            text(SVGFormat.label(tick, decimals: yAxis.decimals), x: left - 7, y: y, anchor: .end, size: 11, cssClass: "fig-text fig-tick-label")
        }
        for tick in xAxis.ticks {
            let x = px(tick)
            append("<line class=\"fig-axis\" x1=\"\(f(x))\" y1=\"\(f(bottom))\" x2=\"\(f(x))\" y2=\"\(f(bottom + 4))\"/>")
            text(SVGFormat.label(tick, decimals: xAxis.decimals), x: x, y: bottom + 14, size: 11, cssClass: "fig-text fig-tick-label")
        }
        append("<path class=\"fig-axis\" d=\"M\(f(left)) \(f(top))V\(f(bottom))H\(f(right))\"/>")
        let path = points.enumerated().map { index, point in
            "\(index == 0 ? "M" : "L")\(f(px(point.0))) \(f(py(min(max(point.1, yAxis.low), yAxis.high))))"
        }.joined()
        append("<path class=\"fig-plot-line\" d=\"\(path)\"/>")
        if let xLabel { text(xLabel, x: (left + right) / 2, y: bottom + 34, size: 12, cssClass: "fig-text fig-axis-label") }
        if let yLabel { text(yLabel, x: left - 40, y: frame.y + 8, anchor: .start, size: 12, cssClass: "fig-text fig-axis-label") }
    }
}

/// An axis range widened to round tick values: steps of 1, 2 or 5 times a
/// power of ten, about five ticks, computed with integers so the ticks are
/// exact multiples of the step and print the same on every machine.
struct NiceAxis {
    /// The lower end of the axis, a multiple of the step.
    let low: Double
    /// The upper end of the axis, a multiple of the step.
    let high: Double
    /// The tick values from `low` to `high`.
    let ticks: [Double]
    /// How many decimals the tick labels need.
    let decimals: Int

    /// Chooses the axis for data between `low` and `high`.
    init(low dataLow: Double, high dataHigh: Double) {
        var lowValue = dataLow, highValue = dataHigh
        if highValue <= lowValue { lowValue -= 0.5; highValue += 0.5 }
        let raw = (highValue - lowValue) / 5
        var power = 1.0, exponent = 0
        while power * 10 <= raw { power *= 10; exponent += 1 }
        while power > raw { power /= 10; exponent -= 1 }
        let fraction = raw / power
        let multiple: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        let step = multiple * power
        let first = (lowValue / step).rounded(.down), last = (highValue / step).rounded(.up)
        low = first * step
        high = last * step
        ticks = stride(from: first, through: last, by: 1).map { $0 * step }
        decimals = max(0, multiple == 10 ? -(exponent + 1) : -exponent)
    }
}
