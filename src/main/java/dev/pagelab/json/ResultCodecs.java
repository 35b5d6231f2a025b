package dev.pagelab.json;

import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;

import java.util.EnumSet;
import java.util.List;

/**
 * Writes and reads replay results ({@code "pagelab.replay"}: counts and the fault timeline in buckets) and
 * miss-ratio curves ({@code "pagelab.curve"}: fault counts by memory size).
 */
final class ResultCodecs {
    static final String REPLAY = "pagelab.replay";
    static final String CURVE = "pagelab.curve";
    static final int VERSION = 1;
    private static final int MAX_TEXT = 4096;

    /** The fields of a replay result. */
    enum ReplayField { FORMAT, VERSION, POLICY, FRAMES, TRACE, REFERENCES, FAULTS, EVICTIONS, COMPLETE, BUCKET_WIDTH,
        FAULTS_PER_BUCKET }

    /** The fields of a miss-ratio curve. */
    enum CurveField { FORMAT, VERSION, POLICY, TRACE, REFERENCES, PAGES, EVERY_SIZE, SIZES, FAULTS }

    static final Fields<ReplayField> REPLAY_FIELDS = Fields.of(ReplayField.class);
    static final Fields<CurveField> CURVE_FIELDS = Fields.of(CurveField.class);

    private ResultCodecs() {}

    static void write(ReplayResult r, Out out) {
        out.startObject().header(REPLAY, VERSION)
                .field(ReplayField.POLICY, r.policy())
                .field(ReplayField.FRAMES, r.frames())
                .field(ReplayField.TRACE, r.trace())
                .field(ReplayField.REFERENCES, r.references())
                .field(ReplayField.FAULTS, r.faults())
                .field(ReplayField.EVICTIONS, r.evictions())
                .field(ReplayField.COMPLETE, r.complete())
                .field(ReplayField.BUCKET_WIDTH, r.bucketWidth())
                .field(ReplayField.FAULTS_PER_BUCKET, r.faultsPerBucket())
                .endObject();
    }

    static ReplayResult readReplay(In in) {
        Node n = document(in, REPLAY, REPLAY_FIELDS);
        long references = n.field(ReplayField.REFERENCES).integer(0, Long.MAX_VALUE);
        long faults = n.field(ReplayField.FAULTS).integer(0, references);
        long evictions = n.field(ReplayField.EVICTIONS).integer(0, faults);
        Node widthNode = n.field(ReplayField.BUCKET_WIDTH);
        long width = widthNode.integer(1, Long.MAX_VALUE);
        if (Long.bitCount(width) != 1) {
            throw widthNode.fail("bucket width " + width + " must be a power of two");
        }
        List<Node> buckets = n.field(ReplayField.FAULTS_PER_BUCKET).elements(ReplayResult.MAX_BUCKETS);
        long[] perBucket = new long[buckets.size()];
        long sum = 0;
        for (int i = 0; i < perBucket.length; i++) {
            perBucket[i] = buckets.get(i).integer(0, Math.min(width, faults));
            sum += perBucket[i];
        }
        long expected = (references + width - 1) / width;
        if (perBucket.length != expected) {
            throw n.field(ReplayField.FAULTS_PER_BUCKET).fail(references + " references in buckets of " + width + " make "
                    + expected + " buckets, not " + perBucket.length);
        }
        if (sum != faults) {
            throw n.field(ReplayField.FAULTS_PER_BUCKET).fail("the buckets hold " + sum + " faults, but faults is "
                    + faults);
        }
        return ReplayResult.of(n.field(ReplayField.POLICY).string(40),
                n.field(ReplayField.FRAMES).integer(1, Integer.MAX_VALUE),
                n.field(ReplayField.TRACE).string(MAX_TEXT), references, faults, evictions, width, perBucket,
                n.field(ReplayField.COMPLETE).bool());
    }

    static void write(MissRatioCurve c, Out out) {
        out.startObject().header(CURVE, VERSION)
                .field(CurveField.POLICY, c.policy())
                .field(CurveField.TRACE, c.trace())
                .field(CurveField.REFERENCES, c.references())
                .field(CurveField.PAGES, c.pages())
                .field(CurveField.EVERY_SIZE, c.everySize())
                .field(CurveField.SIZES, c.sizes())
                .field(CurveField.FAULTS, c.faults())
                .endObject();
    }

    static MissRatioCurve readCurve(In in) {
        Header header = new Header();
        java.util.Map<CurveField, Node> scalars = new java.util.EnumMap<>(CurveField.class);
        long[][] arrays = new long[2][];
        in.start();
        EnumSet<CurveField> seen = CURVE_FIELDS.read(in, Paths.ROOT, header, (key, path) -> {
            switch (key) {
                case POLICY, TRACE, REFERENCES, PAGES, EVERY_SIZE -> scalars.put(key, in.tree(path));
                case SIZES -> arrays[0] = longs(in, path, 1, Integer.MAX_VALUE);
                case FAULTS -> arrays[1] = longs(in, path, 0, Long.MAX_VALUE);
                default -> throw new AssertionError(key);
            }
        });
        in.finish();
        header.check(in, CURVE, VERSION);
        CURVE_FIELDS.require(in, Paths.ROOT, seen);
        int[] sizes = new int[arrays[0].length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (int) arrays[0][i];
        }
        try {
            return MissRatioCurve.of(scalars.get(CurveField.POLICY).string(40),
                    scalars.get(CurveField.TRACE).string(MAX_TEXT),
                    scalars.get(CurveField.REFERENCES).integer(0, Long.MAX_VALUE),
                    scalars.get(CurveField.PAGES).integer(0, Long.MAX_VALUE), sizes, arrays[1],
                    scalars.get(CurveField.EVERY_SIZE).bool());
        } catch (IllegalArgumentException e) {
            if (e instanceof JsonInputException j) {
                throw j;
            }
            throw in.failAt(Paths.ROOT, e.getMessage());
        }
    }

    /** An array of integers in {@code [min, max]}, read straight into a primitive array. */
    private static long[] longs(In in, String path, long min, long max) {
        long[][] values = {new long[16]};
        int n = in.array(path, in.limits().maxArray(), (i, p) -> {
            if (i == values[0].length) {
                values[0] = java.util.Arrays.copyOf(values[0], i * 2);
            }
            values[0][i] = in.integer(p, min, max);
        });
        return java.util.Arrays.copyOf(values[0], n);
    }

    /** A small document read whole: checks the header and the fields, returns the root. */
    private static Node document(In in, String format, Fields<?> fields) {
        in.start();
        Node root = in.tree(Paths.ROOT);
        in.finish();
        root.only(fields);
        new Header().check(in, format, VERSION, root);
        fields.require(root);
        return root;
    }
}
