// The 3D preview: three.js renderer, OrbitControls (drag, wheel, arrow keys), turntable, wireframe and lighting
// presets. Models arrive as bytes (fetched from the app's own origin) and are parsed here.
import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { OBJLoader } from 'three/addons/loaders/OBJLoader.js';
import { PLYLoader } from 'three/addons/loaders/PLYLoader.js';
import { STLLoader } from 'three/addons/loaders/STLLoader.js';

const BACKGROUND = 0x1b1f24;

const LIGHTING = {
  studio: [['hemi', 0xffffff, 0x444455, 1.4], ['dir', 0xffffff, 2.2, [2, 3, 4]], ['dir', 0x99aaff, 0.6, [-3, 1, -2]]],
  soft: [['hemi', 0xffffff, 0x888888, 2.6]],
  rim: [['hemi', 0xffffff, 0x222233, 0.5], ['dir', 0xffeedd, 3.0, [-2, 2, -4]], ['dir', 0xffffff, 1.0, [3, 1, 3]]],
  flat: [['ambient', 0xffffff, 3.0]],
};

export class Viewer {
  constructor(canvas) {
    this.canvas = canvas;
    // preserveDrawingBuffer: the end-to-end test reads the canvas back to check something was drawn
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    this.renderer.outputColorSpace = THREE.SRGBColorSpace;
    this.scene = new THREE.Scene();
    this.scene.background = new THREE.Color(BACKGROUND);
    this.camera = new THREE.PerspectiveCamera(40, 1, 0.01, 100);
    this.controls = new OrbitControls(this.camera, canvas);
    this.controls.enableDamping = true;
    canvas.addEventListener('keydown', (event) => this.onKey(event));
    this.controls.autoRotateSpeed = 2.5;
    this.controls.autoRotate = true;
    this.lights = new THREE.Group();
    this.scene.add(this.lights);
    this.model = null;
    this.wireframe = false;
    this.setLighting('studio');
    this.resetView();
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement);
    this.resize();
    this.renderer.setAnimationLoop(() => {
      this.controls.update();
      this.renderer.render(this.scene, this.camera);
    });
  }

  resize() {
    const { clientWidth: width, clientHeight: height } = this.canvas.parentElement;
    if (width > 0 && height > 0) {
      this.renderer.setSize(width, height, false);
      this.camera.aspect = width / height;
      this.camera.updateProjectionMatrix();
    }
  }

  /** Shows a model file's bytes: format is glb, obj, stl or ply. */
  async show(bytes, format) {
    const object = await parse(bytes, format);
    if (this.model) {
      this.scene.remove(this.model);
      dispose(this.model);
    }
    // the engine's meshes sit in the unit box; centre and scale anyway, so any file frames the same way
    const box = new THREE.Box3().setFromObject(object);
    const size = box.getSize(new THREE.Vector3()).length() || 1;
    const centre = box.getCenter(new THREE.Vector3());
    object.position.sub(centre);
    const holder = new THREE.Group();
    holder.add(object);
    holder.scale.setScalar(1.6 / size);
    this.model = holder;
    this.scene.add(holder);
    this.setWireframe(this.wireframe);
    this.resetView();
  }

  /** Keyboard orbit on the focused canvas: arrows turn around the model, + and - zoom (OrbitControls' keys pan). */
  onKey(event) {
    const step = 0.12;
    const offset = this.camera.position.clone().sub(this.controls.target);
    const spherical = new THREE.Spherical().setFromVector3(offset);
    switch (event.key) {
      case 'ArrowLeft': spherical.theta -= step; break;
      case 'ArrowRight': spherical.theta += step; break;
      case 'ArrowUp': spherical.phi = Math.max(0.1, spherical.phi - step); break;
      case 'ArrowDown': spherical.phi = Math.min(Math.PI - 0.1, spherical.phi + step); break;
      case '+': case '=': spherical.radius = Math.max(0.5, spherical.radius * 0.9); break;
      case '-': case '_': spherical.radius = Math.min(10, spherical.radius / 0.9); break;
      default: return;
    }
    event.preventDefault(); // the page does not scroll while the model turns
    this.camera.position.copy(this.controls.target).add(new THREE.Vector3().setFromSpherical(spherical));
    this.controls.update();
    // where the keys put the camera (azimuth, polar angle, distance), for assistive tools and the browser test
    this.canvas.dataset.view = [spherical.theta, spherical.phi, spherical.radius].map((v) => v.toFixed(2)).join(' ');
  }

  setTurntable(on) {
    this.controls.autoRotate = on;
    if (!on) {
      // one update without damping spends the turn still under way, so the model stops at once
      this.controls.enableDamping = false;
      this.controls.update();
      this.controls.enableDamping = true;
    }
  }

  setWireframe(on) {
    this.wireframe = on;
    this.model?.traverse((node) => {
      for (const material of [node.material ?? []].flat()) {
        material.wireframe = on;
      }
    });
  }

  setLighting(name) {
    this.lights.clear();
    for (const [kind, ...args] of LIGHTING[name] ?? LIGHTING.studio) {
      if (kind === 'hemi') {
        this.lights.add(new THREE.HemisphereLight(args[0], args[1], args[2]));
      } else if (kind === 'ambient') {
        this.lights.add(new THREE.AmbientLight(args[0], args[1]));
      } else {
        const light = new THREE.DirectionalLight(args[0], args[1]);
        light.position.set(...args[2]);
        this.lights.add(light);
      }
    }
  }

  resetView() {
    this.camera.position.set(0, 0.25, 2.6);
    this.controls.target.set(0, 0, 0);
    this.controls.update();
  }
}

async function parse(bytes, format) {
  switch (format) {
    case 'glb':
      return (await gltfLoader().parseAsync(bytes, '')).scene;
    case 'obj': // the texture is a separate file; the preview shows the shape
      return new OBJLoader().parse(new TextDecoder().decode(bytes));
    case 'stl':
      return meshOf(new STLLoader().parse(bytes));
    case 'ply':
      return meshOf(new PLYLoader().parse(bytes));
    default:
      throw new Error('no preview for ' + format);
  }
}

/**
 * A GLTFLoader that decodes embedded textures through an <img> (img-src blob:) instead of fetch() +
 * createImageBitmap, which the page's CSP (connect-src 'self', no blob:) refuses for blob: URLs.
 */
function gltfLoader() {
  const loader = new GLTFLoader();
  loader.register((parser) => {
    const textures = new THREE.TextureLoader(parser.options.manager);
    textures.setCrossOrigin(parser.options.crossOrigin);
    parser.textureLoader = textures;
    return { name: 'orfeas_texture_via_img' };
  });
  return loader;
}

function meshOf(geometry) {
  geometry.computeVertexNormals();
  const material = new THREE.MeshStandardMaterial({
    color: 0xd8d2c8, roughness: 0.7, vertexColors: geometry.hasAttribute('color'),
  });
  return new THREE.Mesh(geometry, material);
}

function dispose(object) {
  object.traverse((node) => {
    node.geometry?.dispose();
    for (const material of [node.material ?? []].flat()) {
      for (const value of Object.values(material)) {
        if (value?.isTexture) {
          value.dispose();
        }
      }
      material.dispose();
    }
  });
}
