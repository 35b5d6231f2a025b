package dev.pagelab.json;

import dev.pagelab.replay.MissRatioCurve;
import dev.pagelab.replay.ReplayResult;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes and reads replay results ({@code "pagelab.replay"}: counts and the fault timeline in buckets) and
 * miss-ratio curves ({@code "pagelab.curve"}: fault counts by memory size).
 */
final class ResultCodecs {
    static final String REPLAY = "pagelab.replay";
    static final String CURVE = "pagelab.curve";
    static final int VERSION = 1;
    private static final int MAX_TEXT = 4096;

    private ResultCodecs() {}

    static void write(ReplayResult r, Out out) {
        out.startObject().header(REPLAY, VERSION)
                .field("policy", r.policy())
                .field("frames", r.frames())
                .field("trace", r.trace())
                .field("references", r.references())
                .field("faults", r.faults())
                .field("evictions", r.evictions())
                .field("complete", r.complete())
                .field("bucketWidth", r.bucketWidth())
                .name("faultsPerBucket").inline().startArray();
        for (long n : r.faultsPerBucket()) {
            out.value(n);
        }
        out.endArray().endObject();
    }

    static ReplayResult readReplay(In in) {
        Node n = document(in, REPLAY, Set.of("policy", "frames", "trace", "references", "faults", "evictions", "complete",
                "bucketWidth", "faultsPerBucket"));
        long references = n.field("references").integer(0, Long.MAX_VALUE);
        long faults = n.field("faults").integer(0, references);
        long evictions = n.field("evictions").integer(0, faults);
        Node widthNode = n.field("bucketWidth");
        long width = widthNode.integer(1, Long.MAX_VALUE);
        if (Long.bitCount(width) != 1) {
            throw widthNode.fail("bucket width " + width + " must be a power of two");
        }
        List<Node> buckets = n.field("faultsPerBucket").elements(ReplayResult.MAX_BUCKETS);
        long[] perBucket = new long[buckets.size()];
        long sum = 0;
        for (int i = 0; i < perBucket.length; i++) {
            perBucket[i] = buckets.get(i).integer(0, Math.min(width, faults));
            sum += perBucket[i];
        }
        long expected = (references + width - 1) / width;
        if (perBucket.length != expected) {
            throw n.field("faultsPerBucket").fail(references + " references in buckets of " + width + " make " + expected
                    + " buckets, not " + perBucket.length);
        }
        if (sum != faults) {
            throw n.field("faultsPerBucket").fail("the buckets hold " + sum + " faults, but faults is " + faults);
        }
        return ReplayResult.of(n.field("policy").string(40), n.field("frames").integer(1, Integer.MAX_VALUE),
                n.field("trace").string(MAX_TEXT), references, faults, evictions, width, perBucket,
                n.field("complete").bool());
    }

    static void write(MissRatioCurve c, Out out) {
        out.startObject().header(CURVE, VERSION)
                .field("policy", c.policy())
                .field("trace", c.trace())
                .field("references", c.references())
                .field("pages", c.pages())
                .field("everySize", c.everySize())
                .name("sizes").inline().startArray();
        for (int s : c.sizes()) {
            out.value(s);
        }
        out.endArray().name("faults").inline().startArray();
        for (long f : c.faults()) {
            out.value(f);
        }
        out.endArray().endObject();
    }

    static MissRatioCurve readCurve(In in) {
        Header header = new Header();
        Set<String> seen = new HashSet<>();
        java.util.Map<String, Node> scalars = new java.util.HashMap<>();
        long[][] arrays = new long[2][];
        in.start();
        in.object(Paths.ROOT, (name, path) -> {
            seen.add(name);
            if (header.take(in, name, path)) {
                return;
            }
            switch (name) {
                case "policy", "trace", "references", "pages", "everySize" -> scalars.put(name, in.tree(path));
                case "sizes" -> arrays[0] = longs(in, path, 1, Integer.MAX_VALUE);
                case "faults" -> arrays[1] = longs(in, path, 0, Long.MAX_VALUE);
                default -> throw Header.unknown(in, path, "format, version, policy, trace, references, pages, "
                        + "everySize, sizes, faults");
            }
        });
        in.finish();
        header.check(in, CURVE, VERSION);
        Header.require(in, Paths.ROOT, List.of("policy", "trace", "references", "pages", "everySize", "sizes", "faults"),
                seen);
        int[] sizes = new int[arrays[0].length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = (int) arrays[0][i];
        }
        try {
            return MissRatioCurve.of(scalars.get("policy").string(40), scalars.get("trace").string(MAX_TEXT),
                    scalars.get("references").integer(0, Long.MAX_VALUE), scalars.get("pages").integer(0, Long.MAX_VALUE),
                    sizes, arrays[1], scalars.get("everySize").bool());
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
    private static Node document(In in, String format, Set<String> fields) {
        in.start();
        Node root = in.tree(Paths.ROOT);
        in.finish();
        Header header = new Header();
        Set<String> all = new HashSet<>(fields);
        all.add("format");
        all.add("version");
        root.only(all);
        header.check(in, format, VERSION, root);
        for (String f : fields) {
            root.field(f);
        }
        return root;
    }
}
