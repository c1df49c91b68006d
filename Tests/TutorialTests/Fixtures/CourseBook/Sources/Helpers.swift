// Shared by every chapter: the sigmoid, and a loss built on MyLib's square.

func sigmoid(_ x: Double) -> Double {
    1 / (1 + exp(-x))
}

func halfSquaredError(_ prediction: Double, _ target: Double) -> Double {
    square(prediction - target) / 2
}
