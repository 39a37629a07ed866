// The few elementary functions the warps need, from the platform C library. The standard
// library has no logarithm or trigonometry, and this module does not import Foundation.
// Wrapping them here keeps the platform imports in one file.
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Android)
import Android
#elseif canImport(WASILibc)
import WASILibc
#elseif canImport(ucrt)
import ucrt
#endif

/// Natural logarithm; `-infinity` at 0 and NaN below it, as in C.
@inline(__always)
func naturalLogarithm(_ x: Double) -> Double { log(x) }

/// Sine of an angle in radians.
@inline(__always)
func sine(_ radians: Double) -> Double { sin(radians) }

/// Cosine of an angle in radians.
@inline(__always)
func cosine(_ radians: Double) -> Double { cos(radians) }

/// The angle of the vector `(x, y)` from the positive x axis, radians in [−π, π].
@inline(__always)
func arcTangent(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
