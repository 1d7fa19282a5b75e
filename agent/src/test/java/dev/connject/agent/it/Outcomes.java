package dev.connject.agent.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an application-visible outcome consists of, for comparing an injected fault with its
 * reference: whether it connected, the exception chain's classes and messages, the top of the
 * stack, and the socket's state afterwards. Timing and addresses are left out: they differ
 * between any two runs.
 */
final class Outcomes {

    private static final int STACK_FRAMES = 3;

    private Outcomes() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> visible(Map<String, Object> outcome) {
        Map<String, Object> visible = new LinkedHashMap<>();
        visible.put("outcome", outcome.get("outcome"));
        visible.put("chain", outcome.get("chain"));
        List<String> stack = (List<String>) outcome.get("stack");
        visible.put("stack", new ArrayList<>(stack.subList(0, Math.min(STACK_FRAMES, stack.size()))));
        visible.put("closed", outcome.get("closed"));
        visible.put("open", outcome.get("open"));
        visible.put("connected", outcome.get("connected"));
        return visible;
    }
}
