package dev.pagelab.json;

import dev.pagelab.Machine;

import static dev.pagelab.engine.Flags.*;

import dev.pagelab.json.Step.Address;
import dev.pagelab.json.Step.Expect;
import dev.pagelab.json.Step.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario ({@code "format": "pagelab.scenario"}) and checks all of it before anything runs: every
 * operation's fields, types and ranges, that names are bound before they are used, and that the machine is small
 * enough to run from a file.
 */
final class ScenarioReader {
    static final String FORMAT = "pagelab.scenario";
    static final int VERSION = 1;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
    private static final Pattern NAMED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,31})(?:\\s*([+-])\\s*(0[xX][0-9a-fA-F_]+|[0-9]{1,19}))?");
    private static final int MAX_TEXT = 200;

    private ScenarioReader() {}

    static Scenario read(In in) {
        Header header = new Header();
        Set<String> seen = new HashSet<>();
        Node[] parts = new Node[2];
        List<Node> operations = new ArrayList<>();
        in.start();
        in.object(Paths.ROOT, (name, path) -> {
            seen.add(name);
            if (header.take(in, name, path)) {
                return;
            }
            switch (name) {
                case "title" -> parts[0] = in.tree(path);
                case "machine" -> parts[1] = in.tree(path);
                case "operations" -> in.array(path, in.limits().maxOperations(), (i, p) -> operations.add(in.tree(p)));
                default -> throw Header.unknown(in, path, "format, version, title, machine, operations");
            }
        });
        in.finish();
        header.check(in, FORMAT, VERSION);
        Header.require(in, Paths.ROOT, List.of("operations"), seen);
        String title = parts[0] == null ? "" : Paths.clip(parts[0].string(MAX_TEXT), MAX_TEXT);
        Machine machine = parts[1] == null ? MachineCodec.read(emptyObject(in), false)
                : MachineCodec.read(parts[1], false);
        if (!machine.unlimited() && machine.policy().needsFuture()) {
            Node at = parts[1] != null && parts[1].has("policy") ? parts[1].field("policy") : parts[1];
            throw at.fail("OPT chooses by the future of a trace; a scenario makes its calls one by one, so give another "
                    + "policy (FIFO, LRU, CLOCK, NRU, RANDOM, ARC)");
        }
        Set<String> names = new HashSet<>();
        List<Step> steps = new ArrayList<>();
        long writes = 0;
        for (int i = 0; i < operations.size(); i++) {
            Step step = step(operations.get(i), i + 1, names);
            steps.add(step);
            if (step.op() == Op.WRITE) {
                writes++;
            }
        }
        String tooBig = in.limits().tooBig(machine, writes);
        if (tooBig != null) {
            throw parts[1] != null ? parts[1].fail(tooBig) : in.failAt("$.machine", tooBig);
        }
        return new Scenario(in.source(), title, machine, steps);
    }

    private static Node emptyObject(In in) {
        return new Node(in.source(), "$.machine", 0, 0, Node.Type.OBJECT, Node.newFields());
    }

    private static Step step(Node n, int number, Set<String> names) {
        Op op;
        Node opNode = n.field("op");
        op = Op.of(opNode.string(40));
        if (op == null) {
            throw opNode.fail("unknown operation " + Paths.quote(opNode.string(), 40) + "; known: " + Op.known());
        }
        Set<String> allowed = new HashSet<>(Set.of("op", "expect", "note"));
        allowed.addAll(fields(op));
        n.only(allowed);
        if (n.has("note")) {
            n.field("note").string(MAX_TEXT);
        }
        Address address = null;
        if (n.has("address")) {
            address = address(n.field("address"), names);
        } else if (op != Op.RESERVE && op != Op.ALLOCATE) {
            n.field("address");
        }
        long size = 0;
        if (needs(op, "size")) {
            size = n.field("size").size(0);
        }
        int type = 0;
        if (op == Op.VIRTUAL_ALLOC || op == Op.VIRTUAL_FREE) {
            type = Names.type(n.field("type"));
        } else if (op == Op.RESERVE || op == Op.ALLOCATE) {
            type = MEM_RESERVE | (op == Op.ALLOCATE ? MEM_COMMIT : 0);
            Node topDown = n.optional("topDown");
            if (topDown != null && topDown.bool()) {
                type |= MEM_TOP_DOWN;
            }
        }
        int protect = PAGE_READWRITE;
        if (n.has("protect")) {
            protect = Names.protection(n.field("protect"));
        } else if (op == Op.PROTECT || op == Op.VIRTUAL_ALLOC || op == Op.VIRTUAL_PROTECT) {
            n.field("protect");
        }
        long value = op == Op.WRITE ? n.field("value").bits64("a value") : 0;
        int width = 1;
        if (n.has("width")) {
            Node w = n.field("width");
            width = w.integer(1, 8);
            if (width != 1 && width != 2 && width != 4 && width != 8) {
                throw w.fail("width " + width + " must be 1, 2, 4 or 8 bytes");
            }
        }
        int access = n.has("access") ? Names.access(n.field("access")) : ACCESS_READ;
        String name = null;
        if (n.has("name")) {
            Node nameNode = n.field("name");
            name = nameNode.string(32);
            if (!NAME.matcher(name).matches()) {
                throw nameNode.fail("a name is a letter or '_' and then up to 31 letters, digits or '_', not "
                        + nameNode.describe());
            }
            names.add(name);
        }
        Expect expect = n.has("expect") ? expect(n.field("expect"), op, names) : null;
        return new Step(number, n.path, op, address, size, type, protect, value, width, access, name, expect);
    }

    private static Set<String> fields(Op op) {
        return switch (op) {
            case RESERVE, ALLOCATE -> Set.of("name", "address", "size", "protect", "topDown");
            case COMMIT, PROTECT, VIRTUAL_PROTECT -> Set.of("address", "size", "protect");
            case DECOMMIT -> Set.of("address", "size");
            case RELEASE, EXECUTE, QUERY, VIRTUAL_QUERY -> Set.of("address");
            case READ -> Set.of("address", "width");
            case WRITE -> Set.of("address", "value", "width");
            case TOUCH -> Set.of("address", "access");
            case VIRTUAL_ALLOC -> Set.of("name", "address", "size", "type", "protect");
            case VIRTUAL_FREE -> Set.of("address", "size", "type");
        };
    }

    private static boolean needs(Op op, String field) {
        return fields(op).contains(field) && !(op == Op.RELEASE);
    }

    /** A number, {@code "0x..."}, or a bound name with an optional offset: {@code "heap"}, {@code "heap+0x1000"}. */
    static Address address(Node n, Set<String> names) {
        if (n.isString()) {
            String text = n.string(80).trim();
            if (!text.startsWith("0x") && !text.startsWith("0X")) {
                Matcher m = NAMED.matcher(text);
                if (!m.matches()) {
                    throw n.fail("expected an address: a number, \"0x...\", or a name with an optional offset such as "
                            + "\"heap+0x1000\" or \"stack-8\", found " + n.describe());
                }
                if (!names.contains(m.group(1))) {
                    throw n.fail("the name \"" + m.group(1) + "\" is not bound by an earlier operation");
                }
                long offset = 0;
                if (m.group(3) != null) {
                    Long hex = Node.hex(m.group(3).toLowerCase(java.util.Locale.ROOT));
                    if (hex == null && m.group(3).startsWith("0")  && m.group(3).length() > 1
                            && (m.group(3).charAt(1) == 'x' || m.group(3).charAt(1) == 'X')) {
                        throw n.fail("the offset in " + n.describe() + " is not a hex number of up to 16 digits");
                    }
                    offset = hex != null ? hex : Long.parseLong(m.group(3));
                    if (m.group(2).equals("-")) {
                        offset = -offset;
                    }
                }
                return new Address(m.group(1), offset);
            }
        }
        return new Address(null, n.address());
    }

    private static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("ok", "ok"), Map.entry("ACCESS_VIOLATION", "ACCESS_VIOLATION"),
            Map.entry("STATUS_ACCESS_VIOLATION", "ACCESS_VIOLATION"), Map.entry("GUARD_PAGE", "GUARD_PAGE"),
            Map.entry("STATUS_GUARD_PAGE_VIOLATION", "GUARD_PAGE"));

    private static Expect expect(Node n, Op op, Set<String> names) {
        if (n.isString()) {
            return new Expect(outcome(n), null, null, null, null, null, null, null, null);
        }
        n.only(Set.of("outcome", "error", "value", "base", "old", "state", "protect", "regionSize", "fault"));
        String outcome = n.has("outcome") ? outcome(n.field("outcome")) : null;
        Integer error = null;
        if (n.has("error")) {
            Node e = n.field("error");
            error = e.isNumber() ? e.integer(0, 0xFFFF) : errorCode(e);
        }
        Long value = n.has("value") ? n.field("value").bits64("a value") : null;
        Address base = n.has("base") ? address(n.field("base"), names) : null;
        Integer old = n.has("old") ? Names.protection(n.field("old")) : null;
        Integer state = n.has("state") ? Names.state(n.field("state")) : null;
        Integer protect = n.has("protect") ? Names.protection(n.field("protect")) : null;
        Long regionSize = n.has("regionSize") ? n.field("regionSize").size(0) : null;
        String fault = null;
        if (n.has("fault")) {
            Node f = n.field("fault");
            fault = f.string(20);
            if (!Set.of("none", "demand-zero", "hard").contains(fault)) {
                throw f.fail("expected a page fault: \"none\", \"demand-zero\" or \"hard\", found " + f.describe());
            }
        }
        return new Expect(outcome, error, value, base, old, state, protect, regionSize, fault);
    }

    private static String outcome(Node n) {
        String text = n.string(40);
        String known = OUTCOMES.get(text);
        if (known != null) {
            return known;
        }
        Integer code = errorCode(n);
        return dev.pagelab.engine.Flags.errorName(code);
    }

    private static final int[] ERRORS = {ERROR_SUCCESS, ERROR_ACCESS_DENIED, ERROR_NOT_ENOUGH_MEMORY, ERROR_BAD_LENGTH,
            ERROR_INVALID_PARAMETER, ERROR_INVALID_ADDRESS, ERROR_NOACCESS, ERROR_PRIVILEGE_NOT_HELD,
            ERROR_COMMITMENT_LIMIT};

    private static int errorCode(Node n) {
        String text = n.string(40);
        for (int code : ERRORS) {
            if (dev.pagelab.engine.Flags.errorName(code).equals(text)) {
                return code;
            }
        }
        throw n.fail("expected \"ok\", \"ACCESS_VIOLATION\", \"GUARD_PAGE\" or a Win32 error name such as "
                + "\"ERROR_INVALID_ADDRESS\", found " + n.describe());
    }
}
