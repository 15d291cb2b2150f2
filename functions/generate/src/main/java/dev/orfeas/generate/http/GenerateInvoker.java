package dev.orfeas.generate.http;

import dev.orfeas.generate.generation.GenerateFunction;
import dev.orfeas.generate.generation.MeshService;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.messaging.Message;

/** Calls the "generate" function through the function catalog, as every adapter (HTTP, CloudEvents) does. */
public class GenerateInvoker {

    private final FunctionInvocationWrapper function;

    public GenerateInvoker(FunctionCatalog catalog) {
        this.function = catalog.lookup("generate");
        if (function == null) {
            throw new IllegalStateException("no 'generate' function in the catalog");
        }
    }

    @SuppressWarnings("unchecked")
    public MeshService.Outcome invoke(Message<byte[]> message) {
        Object result = function.apply(message);
        if (result instanceof Message<?> reply && reply.getPayload() instanceof MeshService.Outcome outcome) {
            return outcome;
        }
        throw new IllegalStateException("function '" + GenerateFunction.class.getSimpleName()
                + "' answered " + (result == null ? "null" : result.getClass().getName()));
    }
}
