package dev.pillar.core.decision;

import dev.pillar.core.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs every layer on its own and combines their reasons: the most restrictive outcome wins. A layer that throws, or
 * gives no reason, is reported as a DENY reason of that layer; a failure outside the layers is a DENY decision.
 */
final class LayeredDecisionEngine implements DecisionEngine {
    static final String INTERNAL_ERROR = "internal.error";
    private static final String FAIL_CLOSED = "Pillar fail-closed rule: an internal error never permits";

    private final World world;
    private final List<DecisionLayer> layers;
    private final Supplier<String> ids;

    LayeredDecisionEngine(World world, List<DecisionLayer> layers, Supplier<String> ids) {
        this.world = Objects.requireNonNull(world, "world");
        this.layers = List.copyOf(layers);
        this.ids = ids;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public Decision decide(DecisionRequest request) {
        String id;
        try {
            id = ids.get();
            if (id == null || id.isBlank()) {
                throw new IllegalStateException("the id generator gave no id");
            }
        } catch (RuntimeException e) {
            // an internal failure on the decision path: DENY, under an id of last resort
            return new Decision(UUID.randomUUID().toString(), Outcome.DENY, request == null ? null : request.asOf(),
                    world.version(), List.of(internalError(Layer.SCOPE, e)));
        }
        List<Reason> reasons = new ArrayList<>(layers.size() + 2);
        try {
            Context ctx = new Context(world, request);
            Outcome outcome = Outcome.PERMIT;
            for (DecisionLayer layer : layers) {
                int before = reasons.size();
                try {
                    layer.evaluate(ctx, reasons);
                    if (reasons.size() == before) {
                        throw new IllegalStateException("layer " + layer.layer().id() + " gave no reason");
                    }
                } catch (Throwable t) {
                    rethrowFatal(t);
                    while (reasons.size() > before) {
                        reasons.removeLast();
                    }
                    reasons.add(internalError(layer.layer(), t));
                }
                for (int i = before; i < reasons.size(); i++) {
                    outcome = outcome.and(reasons.get(i).outcome());
                }
            }
            return new Decision(id, outcome, request.asOf(), world.version(), reasons);
        } catch (Throwable t) {
            rethrowFatal(t);
            return new Decision(id, Outcome.DENY, request == null ? null : request.asOf(), world.version(),
                    List.of(internalError(Layer.SCOPE, t)));
        }
    }

    private static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    static Reason internalError(Layer layer, Throwable t) {
        return new Reason(layer, Outcome.DENY, INTERNAL_ERROR, FAIL_CLOSED, null, null,
                () -> new Reason.Explanation("the " + layer.title() + " layer failed (" + t.getClass().getSimpleName()
                        + "), so the answer is DENY; report this to the operator", Map.of("error", t.getClass().getName()),
                        List.of("a successful evaluation of the " + layer.title() + " layer")));
    }
}
