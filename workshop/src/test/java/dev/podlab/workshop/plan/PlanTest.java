package dev.podlab.workshop.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlanTest {
    /** Two 2-core workers with 24 GiB each, a little already requested. */
    private static final Resources FREE = new Resources(3500, 40_000, 200);

    @Test
    void aClassThatFitsSaysSo() {
        Plan plan = new Plan(30, Size.XS, FREE);
        assertThat(plan.needs()).isEqualTo(new Resources(1500, 30 * 640, 150));
        assertThat(plan.fits()).isTrue();
        assertThat(plan.shortfalls()).isEmpty();
        assertThat(plan.report()).contains("30 attendees at size xs").contains("fits.");
    }

    @Test
    void aClassThatDoesNotFitSaysByHowMuchAndWhatWouldFit() {
        Plan plan = new Plan(30, Size.M, FREE);
        assertThat(plan.fits()).isFalse();
        assertThat(plan.shortfalls()).containsExactly(
                "CPU requests short by 26500m", "memory requests short by 21440Mi", "pod slots short by 280");
        assertThat(plan.largestFitting()).contains(Size.XS);
        assertThat(plan.report()).contains("does NOT fit: CPU requests short by 26500m")
                .contains("Size xs fits (WORKSHOP_SIZE=xs).");
    }

    @Test
    void whenNoSizeFitsTheReportSaysWhatToDo() {
        Plan plan = new Plan(100, Size.S, FREE);
        assertThat(plan.largestFitting()).isEmpty();
        assertThat(plan.report()).contains("No size fits this many attendees");
    }

    @Test
    void exactlyFullFits() {
        Resources full = Size.S.reserved().times(7);
        assertThat(new Plan(7, Size.S, full).fits()).isTrue();
        assertThat(new Plan(8, Size.S, full).shortfalls()).containsExactly(
                "CPU requests short by 500m", "memory requests short by 1024Mi", "pod slots short by 10");
    }

    @Test
    void sizesByName() {
        assertThat(Size.parse(" M ")).isEqualTo(Size.M);
        assertThatThrownBy(() -> Size.parse("huge")).hasMessage("WORKSHOP_SIZE \"huge\" is not one of [xs, s, m, l]");
    }
}
