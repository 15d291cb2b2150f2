// The live progress bar of a job: the stage it is in, its percent, and the stages done so far.

export class Progress {
  constructor(box) {
    this.box = box;
    this.bar = box.querySelector('progress');
    this.stage = box.querySelector('#progress-stage');
    this.percent = box.querySelector('#progress-percent');
    this.stages = box.querySelector('#stages');
  }

  start() {
    this.box.hidden = false;
    this.box.dataset.state = 'running';
    this.stages.replaceChildren();
    this.set('sending the picture', 0);
  }

  /** One job document: status, progress {stage, percent}. */
  update(job) {
    const percent = job.status === 'succeeded' ? 100 : job.progress?.percent ?? 0;
    const stage = job.status === 'running' || job.status === 'succeeded' ? job.progress?.stage : job.status;
    this.set(job.status === 'succeeded' ? 'done' : stage ?? job.status, percent);
    if (job.progress?.stage && job.status !== 'queued') {
      this.markDone(job.progress.stage);
    }
    if (job.status === 'succeeded') {
      this.box.dataset.state = 'done';
    }
  }

  fail() {
    this.box.dataset.state = 'failed';
    this.stage.textContent = 'failed';
  }

  cancelled() {
    this.box.dataset.state = 'cancelled';
    this.stage.textContent = 'cancelled';
  }

  set(label, percent) {
    this.stage.textContent = label;
    this.percent.textContent = percent + ' %';
    this.bar.value = percent;
    this.bar.setAttribute('aria-valuetext', `${label}, ${percent} %`);
  }

  // the server names each stage as it finishes; list them in the order they came
  markDone(stage) {
    if ([...this.stages.children].some((item) => item.dataset.stage === stage)) {
      return;
    }
    const item = document.createElement('li');
    item.dataset.stage = stage;
    item.textContent = stage;
    this.stages.append(item);
  }
}
