package io.sluice.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Predicate;

/**
 * JUnit 5 extension that starts {@link MariaDbServer} sandboxes for fields and parameters of type
 * {@code MariaDbServer} annotated with {@link Sandbox}: a static field gets one server for the
 * whole test class, an instance field and a parameter get one per test (per test class for
 * {@code @BeforeAll} parameters). Servers are kept in the JUnit extension store, which closes
 * them (killing the process, deleting the datadir) when their scope ends, whether the tests
 * passed or failed. Register it with {@code @ExtendWith(MariaDbExtension.class)}.
 */
public final class MariaDbExtension
        implements BeforeAllCallback, BeforeEachCallback, ParameterResolver
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MariaDbExtension.class);

    @Override
    public void beforeAll(ExtensionContext context)
            throws IllegalAccessException
    {
        Class<?> testClass = context.getRequiredTestClass();
        for (Field field : sandboxFields(testClass, field -> Modifier.isStatic(field.getModifiers()))) {
            field.setAccessible(true);
            field.set(null, startServer(context, field.getAnnotation(Sandbox.class)));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context)
            throws IllegalAccessException
    {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : sandboxFields(instance.getClass(), field -> !Modifier.isStatic(field.getModifiers()))) {
                field.setAccessible(true);
                field.set(instance, startServer(context, field.getAnnotation(Sandbox.class)));
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
    {
        return parameterContext.getParameter().getType() == MariaDbServer.class &&
                parameterContext.isAnnotated(Sandbox.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
    {
        Sandbox sandbox = parameterContext.findAnnotation(Sandbox.class).orElseThrow();
        return startServer(extensionContext, sandbox);
    }

    /**
     * The {@link MariaDbConfig} described by a {@link Sandbox} annotation.
     */
    static MariaDbConfig toConfig(Sandbox sandbox)
    {
        MariaDbConfig.Builder builder = MariaDbConfig.builder()
                .logBin(sandbox.logBin())
                .binlogFormat(sandbox.binlogFormat())
                .binlogRowImage(sandbox.binlogRowImage())
                .binlogRowMetadata(sandbox.binlogRowMetadata())
                .gtidStrictMode(sandbox.gtidStrictMode())
                .logSlaveUpdates(sandbox.logSlaveUpdates())
                .lowerCaseTableNames(sandbox.lowerCaseTableNames());
        if (!sandbox.sqlMode().isEmpty()) {
            builder.sqlMode(sandbox.sqlMode());
        }
        for (String option : sandbox.options()) {
            int separator = option.indexOf('=');
            if (separator <= 0) {
                throw new IllegalArgumentException("@Sandbox option must be name=value: " + option);
            }
            builder.option(option.substring(0, separator), option.substring(separator + 1));
        }
        return builder.build();
    }

    private static MariaDbServer startServer(ExtensionContext context, Sandbox sandbox)
    {
        MariaDbServer server = MariaDbServer.start(toConfig(sandbox));
        // the store closes AutoCloseable values when the context ends, also after failures
        context.getStore(NAMESPACE).put(server, server);
        return server;
    }

    private static List<Field> sandboxFields(Class<?> testClass, Predicate<Field> filter)
    {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, Sandbox.class, filter, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (field.getType() != MariaDbServer.class) {
                throw new ExtensionConfigurationException("@Sandbox field must be of type MariaDbServer: " + field);
            }
            if (Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("@Sandbox field must not be final: " + field);
            }
        }
        return fields;
    }
}
