package io.sluice.mysql.task;

import static java.util.Objects.requireNonNull;

import io.sluice.core.error.ErrorCode;
import io.sluice.core.error.SluiceException;
import io.sluice.core.position.FilePosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code sql-skip}/{@code sql-replace} operators and {@code sql-inject} injections registered
 * for one subtask, waiting to be applied. The control plane adds them while the subtask is paused
 * (or running) and is told through a {@link ConsumptionListener} when one has been applied: only
 * once the target's checkpoint past it is durable, so a consumed operator never needs applying
 * again. The subtask records each consumption in the target's meta schema in that same commit, and
 * on start drops the registered operators it finds recorded there (consumed just before a crash,
 * before the listener was called), so a control plane that keeps operators across restarts does
 * not apply one twice. Safe for use from any thread; listeners are called on the subtask's thread.
 */
public final class SqlOperators {
    private static final Logger LOG = LoggerFactory.getLogger(SqlOperators.class);

    /** Told that an operator or injection was applied and its effect is durable on the target. */
    @FunctionalInterface
    public interface ConsumptionListener {
        /**
         * @param id the operator's or injection's id
         * @param at the source position it was applied at: the start of the DDL's transaction, or for
         *        an injection the start of the transaction it ran before
         */
        void consumed(String id, FilePosition at);
    }

    private final List<SqlOperator> operators = new ArrayList<>();
    private final List<SqlInjection> injections = new ArrayList<>();
    private final List<ConsumptionListener> listeners = new CopyOnWriteArrayList<>();

    /** A fresh id for an operator or injection, unique for the life of any task. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public void addListener(ConsumptionListener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Registers a skip or replace operator.
     *
     * @throws SluiceException when its id is taken, or another operator is registered for the same binlog position
     */
    public synchronized void add(SqlOperator operator) {
        requireNonNull(operator, "operator is null");
        requireNewId(operator.id());
        if (operator.at().isPresent()) {
            for (SqlOperator other : operators) {
                if (other.at().equals(operator.at())) {
                    throw new SluiceException(ErrorCode.INVALID_ARGUMENT,
                            "An operator is already registered for binlog position " + operator.at().get() + ": " + other.describe() + ".",
                            "Remove it first (by its id), then register the new one.");
                }
            }
        }
        operators.add(operator);
        LOG.info("registered {}", operator.describe());
    }

    /**
     * Registers statements to inject before the next source transaction.
     *
     * @throws SluiceException when its id is taken
     */
    public synchronized void add(SqlInjection injection) {
        requireNonNull(injection, "injection is null");
        requireNewId(injection.id());
        injections.add(injection);
        LOG.info("registered {}", injection.describe());
    }

    private void requireNewId(String id) {
        if (operators.stream().anyMatch(operator -> operator.id().equals(id)) || injections.stream().anyMatch(injection -> injection.id().equals(id))) {
            throw new SluiceException(ErrorCode.INVALID_ARGUMENT, "An operator with id '" + id + "' is already registered.",
                    "Give the new operator another id.");
        }
    }

    /** The registered skip and replace operators, in registration order. */
    public synchronized List<SqlOperator> list() {
        return List.copyOf(operators);
    }

    /** The registered injections not yet executed, in registration order. */
    public synchronized List<SqlInjection> injections() {
        return List.copyOf(injections);
    }

    /** Unregisters the operator or injection; false when none has that id (it may have been consumed). */
    public synchronized boolean remove(String id) {
        requireNonNull(id, "id is null");
        return operators.removeIf(operator -> operator.id().equals(id)) | injections.removeIf(injection -> injection.id().equals(id));
    }

    public synchronized boolean isEmpty() {
        return operators.isEmpty() && injections.isEmpty();
    }

    /**
     * The operator for the DDL of the transaction starting at {@code position} with source text
     * {@code sql}: one registered for that position first, else the first registered whose pattern
     * the text contains.
     */
    synchronized Optional<SqlOperator> match(FilePosition position, String sql) {
        Optional<SqlOperator> byPosition = operators.stream().filter(operator -> operator.at().isPresent() && operator.matches(position, sql)).findFirst();
        return byPosition.isPresent() ? byPosition : operators.stream().filter(operator -> operator.pattern().isPresent() && operator.matches(position, sql)).findFirst();
    }

    /** Unregisters what was applied and tells the listeners; called once its effect is durable. */
    void consumed(String id, FilePosition at) {
        remove(id);
        for (ConsumptionListener listener : listeners) {
            try {
                listener.consumed(id, at);
            }
            catch (RuntimeException e) {
                // the operator did take effect: a failing listener must not stop replication
                LOG.warn("consumption listener failed for operator {}", id, e);
            }
        }
    }

    /** Consumes the registered operators the target's meta schema records as applied (before a crash or a lost connection). */
    void consumedEarlier(Map<String, FilePosition> recorded) {
        List<String> registered;
        synchronized (this) {
            registered = new ArrayList<>();
            operators.forEach(operator -> registered.add(operator.id()));
            injections.forEach(injection -> registered.add(injection.id()));
        }
        for (String id : registered) {
            FilePosition at = recorded.get(id);
            if (at != null) {
                LOG.info("operator {} was already applied at {}; not applying it again", id, at);
                consumed(id, at);
            }
        }
    }
}
