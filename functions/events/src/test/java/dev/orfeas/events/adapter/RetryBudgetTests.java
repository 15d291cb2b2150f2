package dev.orfeas.events.adapter;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTests {

    @Test
    void waitsWhileTheBudgetLastsAndNeverPastIt() {
        List<Long> slept = new ArrayList<>();
        RetryBudget budget = new RetryBudget(Duration.ofSeconds(5), slept::add);

        assertThat(budget.take(2)).isTrue();
        assertThat(budget.take(0)).as("no Retry-After counts as one second").isTrue();
        assertThat(budget.take(3)).as("3 s would pass the 5 s budget").isFalse();
        assertThat(budget.take(2)).isTrue();
        assertThat(budget.take(1)).isFalse();

        assertThat(slept).containsExactly(2000L, 1000L, 2000L);
        assertThat(budget.remainingMillis()).isZero();
    }
}
