/// x², the course's own library function.
public func square(_ x: Double) -> Double {
    x * x
}
