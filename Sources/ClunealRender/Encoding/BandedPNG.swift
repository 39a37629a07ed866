import Dispatch
import Synchronization

extension SceneRenderer {
    /// Rows per band of the streamed PNG: 128 rows of a 4660-pixel RGB map are 1.8 MB.
    public static let defaultBandRows = 128

    /// Renders `scene` and encodes it as PNG, with a `pHYs` chunk for `pxPerMm` (so a print at
    /// 100 % is life size) and the given text chunks.
    ///
    /// The canvas is drawn in bands of `bandRows` rows into a few reusable band buffers, and
    /// each finished band goes to libpng, so the full canvas never exists: peak memory is a
    /// few bands plus the plan, not `width × height × 4` bytes. With `pipelined` (and where
    /// the platform has `Synchronization.Mutex`), libpng runs on a second thread and encodes
    /// band *k* while this thread draws band *k + 1*. The bytes are the same either way, and
    /// the same as ``render(_:pxPerMm:)`` followed by ``PNGEncoder/encode(_:metadata:)``.
    public func renderPNG(_ scene: Scene, pxPerMm: Double, encoder: PNGEncoder = PNGEncoder(), text: [PNGText] = [],
                          bandRows: Int = SceneRenderer.defaultBandRows, pipelined: Bool = true) throws(RenderError) -> [UInt8] {
        var plan = try self.plan(scene, pxPerMm: pxPerMm)
        var producer = try BandProducer(plan: plan, encoder: encoder, metadata: PNGMetadata(pxPerMm: pxPerMm, text: text),
                                        bandRows: bandRows)
        if pipelined, #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return try producer.runPipelined(&plan)
        }
        return try producer.runSequential(&plan)
    }
}

extension SceneRenderer {
    /// Draws `scene` a band of at most `bandRows` rows at a time, top to bottom, and hands
    /// each band to `body` as `(firstRow, rowCount, rows)`: `rowCount` rows of RGB (3 bytes
    /// per pixel) when the scene's background is opaque, straight RGBA (4) otherwise, tightly
    /// packed. The buffer is reused for the next band. The full canvas never exists.
    public func renderBands(_ scene: Scene, pxPerMm: Double, bandRows: Int = SceneRenderer.defaultBandRows,
                            _ body: (_ firstRow: Int, _ rowCount: Int, _ rows: UnsafeBufferPointer<UInt8>) throws(RenderError) -> Void)
        throws(RenderError) {
        var plan = try self.plan(scene, pxPerMm: pxPerMm)
        let encoder = PNGEncoder(format: .automatic, compression: .init(level: 1, filters: .none))
        var producer = try BandProducer(plan: plan, encoder: encoder, metadata: PNGMetadata(), bandRows: bandRows)
        var storage: [UInt8] = []
        while !plan.isFinished {
            let first = plan.nextRow
            var band = producer.next(&plan, storage: consume storage)
            try band.rows.withUnsafeBufferPointer { (rows) throws(RenderError) in
                try body(first, band.rowCount, UnsafeBufferPointer(rebasing: rows[0..<(band.rowCount * producer.header.rowBytes)]))
            }
            storage = band.takeRows()
        }
    }
}

/// Finished rows of one band, ready for libpng: `rowCount` rows of ``LibPNG/Header/rowBytes``
/// bytes at the start of `rows`, and one PNG filter per row (empty to let libpng choose).
struct EncodableBand: Sendable {
    var rows: [UInt8]
    var rowCount: Int
    var filters: [UInt8]

    /// The row buffer, handed over whole (so whoever gets it next can write without a copy).
    mutating func takeRows() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &rows)
        return out
    }

    func write(to stream: LibPNG.Stream) throws(RenderError) {
        try rows.withUnsafeBufferPointer { (px) throws(RenderError) in
            if filters.isEmpty {
                try stream.write(rows: px, count: rowCount, rowFilters: nil)
            } else {
                try filters.withUnsafeBufferPointer { (f) throws(RenderError) in
                    try stream.write(rows: px, count: rowCount, rowFilters: f)
                }
            }
        }
    }
}

/// The drawing side of the streamed PNG: turns the plan into ``EncodableBand``s, top to bottom.
struct BandProducer {
    var header: LibPNG.Header
    let bandRows: Int
    let background: Color

    /// How drawn pixels become PNG rows.
    fileprivate enum Output {
        /// Drawn straight into RGB (opaque background): the band's bytes are the rows.
        case rgb
        /// Drawn premultiplied, converted to straight RGBA in place.
        case rgba
        /// Drawn premultiplied, flattened over an opaque colour into a separate buffer.
        case flattened(over: Color)
    }

    fileprivate let output: Output
    /// The filters ClunealRender picks from, per row; nil to leave the choice to libpng.
    private let rowFilterMask: Int32?
    private var scratch: CoverageScratch
    /// The band drawn into when the PNG rows are a conversion of it.
    private var drawing: RasterBand?
    /// A copy of the last row handed over, for the next band's first row filter.
    private var lastRow: [UInt8] = []

    init(plan: RasterPlan, encoder: PNGEncoder, metadata: PNGMetadata, bandRows: Int) throws(RenderError) {
        let opaque = plan.background.alpha == 255
        let samples: LibPNG.Samples
        switch encoder.format {
        case .automatic:
            samples = opaque ? .rgb : .rgba
            output = opaque ? .rgb : .rgba
        case .rgba:
            samples = .rgba
            output = .rgba
        case .rgb(let over):
            samples = .rgb
            output = opaque ? .rgb : .flattened(over: over)
        }
        header = try encoder.header(width: plan.width, height: plan.height, samples: samples, metadata: metadata)
        self.bandRows = Swift.max(1, Swift.min(bandRows, plan.height))
        background = plan.background
        rowFilterMask = encoder.compression.choosesRowFilters ? encoder.compression.filterMask : nil
        scratch = CoverageScratch(width: plan.width)
        if case .flattened = output {
            drawing = RasterBand(width: plan.width, capacityRows: self.bandRows, layout: .premultipliedRGBA)
        }
    }

    /// Draws the next band into `storage` (a recycled buffer, or empty) and returns it.
    /// `storage` is consumed: the caller must not keep a reference, or the first write
    /// would copy it.
    mutating func next(_ plan: inout RasterPlan, storage: consuming [UInt8]) -> EncodableBand {
        let first = plan.nextRow
        let count = Swift.min(bandRows, plan.height - first)
        var rows: [UInt8]
        switch output {
        case .rgb, .rgba:
            var band = RasterBand(width: plan.width, layout: output.isRGB ? .rgb : .premultipliedRGBA, storage: consume storage)
            band.start(firstRow: first, rowCount: count, background: background)
            plan.drawNextRows(into: &band, scratch: &scratch)
            band.unpremultiply()
            rows = band.takeBytes()
        case .flattened(let over):
            var band = drawing.take() ?? RasterBand(width: plan.width, capacityRows: count, layout: .premultipliedRGBA)
            band.start(firstRow: first, rowCount: count, background: background)
            plan.drawNextRows(into: &band, scratch: &scratch)
            rows = consume storage
            band.flattenRGB(over: over, into: &rows)
            drawing = consume band
        }
        var filters: [UInt8] = []
        if let mask = rowFilterMask {
            let rowBytes = header.rowBytes
            rows.withUnsafeBufferPointer { px in
                lastRow.withUnsafeBufferPointer { previous in
                    filters = PNGEncoder.rowFilters(px, rowBytes: rowBytes, rows: count,
                                                    previousRow: previous.isEmpty ? nil : previous,
                                                    bpp: header.samples.channels, allowed: mask)
                }
                lastRow = Array(px[((count - 1) * rowBytes)..<(count * rowBytes)])
            }
        }
        return EncodableBand(rows: rows, rowCount: count, filters: filters)
    }

    /// Draws and encodes band after band on this thread.
    mutating func runSequential(_ plan: inout RasterPlan) throws(RenderError) -> [UInt8] {
        let stream = try LibPNG.Stream(header)
        var storage: [UInt8] = []
        while !plan.isFinished {
            var band = next(&plan, storage: consume storage)
            try band.write(to: stream)
            storage = band.takeRows()
        }
        return try stream.finish()
    }

    /// Draws on this thread while libpng encodes on another (see ``BandPipe``).
    @available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *)
    mutating func runPipelined(_ plan: inout RasterPlan) throws(RenderError) -> [UInt8] {
        let pipe = BandPipe(capacity: 3)
        let header = self.header
        DispatchQueue.global(qos: .userInitiated).async {
            pipe.encode(header)
        }
        while !plan.isFinished {
            guard let storage = pipe.acquire() else { break }  // the encoder failed: stop drawing
            pipe.send(next(&plan, storage: consume storage))
        }
        pipe.close()
        return try pipe.result().get()
    }
}

private extension BandProducer.Output {
    var isRGB: Bool {
        if case .rgb = self { return true }
        return false
    }
}

/// A bounded queue of bands between the drawing thread and the encoding thread, with a pool
/// of spare band buffers so memory stays at `capacity` bands however tall the image is.
///
/// All shared state sits in one `Mutex`; two semaphores count queued bands (for the encoder)
/// and free slots (for the drawer). Bands are `Sendable` values that change hands through
/// the mutex, so neither thread ever touches a buffer the other holds. The encoder (and its
/// libpng struct) lives entirely on the encoding thread. The bytes written depend only on the
/// sequence of bands, never on timing.
@available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *)
final class BandPipe: Sendable {
    private struct State {
        var queued: [EncodableBand] = []
        var spare: [[UInt8]] = []
        var encoderFailed = false
        var result: Result<[UInt8], RenderError>?
    }

    private let state = Mutex(State())
    private let queuedBands = DispatchSemaphore(value: 0)
    private let freeSlots: DispatchSemaphore
    private let finished = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        freeSlots = DispatchSemaphore(value: Swift.max(1, capacity))
    }

    // MARK: Drawing thread

    /// Waits for a free slot and returns a spare buffer (empty at first), or nil once the
    /// encoder has failed.
    func acquire() -> [UInt8]? {
        freeSlots.wait()
        return state.withLock { s in s.encoderFailed ? nil : (s.spare.popLast() ?? []) }
    }

    func send(_ band: sending EncodableBand) {
        state.withLock { $0.queued.append(band) }
        queuedBands.signal()
    }

    /// No more bands.
    func close() {
        queuedBands.signal()
    }

    /// Waits for the encoder to finish.
    func result() -> Result<[UInt8], RenderError> {
        finished.wait()
        return state.withLock { $0.result } ?? .failure(.libpng("the encoder stopped without a result"))
    }

    // MARK: Encoding thread

    /// Encodes every band sent, in order, then publishes the file (or the first error).
    func encode(_ header: LibPNG.Header) {
        let outcome: Result<[UInt8], RenderError>
        do throws(RenderError) {
            let stream = try LibPNG.Stream(header)
            while var band = receive() {
                // Every slot taken by `acquire` comes back, even after a failure: libdispatch
                // traps if a semaphore is freed with a value below its initial one.
                defer { recycle(band.takeRows()) }
                try band.write(to: stream)
            }
            outcome = .success(try stream.finish())
        } catch {
            outcome = .failure(error)
            state.withLock { $0.encoderFailed = true }
            freeSlots.signal()  // wake the drawer if it waits for a slot
            while var band = receive() { recycle(band.takeRows()) }
        }
        state.withLock { $0.result = outcome }
        finished.signal()
    }

    /// The next band, or nil after the last one.
    private func receive() -> EncodableBand? {
        queuedBands.wait()
        return state.withLock { s in s.queued.isEmpty ? nil : s.queued.removeFirst() }
    }

    private func recycle(_ buffer: sending [UInt8]) {
        state.withLock { $0.spare.append(buffer) }
        freeSlots.signal()
    }
}
